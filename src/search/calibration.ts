/**
 * How sure search may be. The evidence about a query's ranking (how strong and how clear the winner
 * is, on meaning and on words, and how close it comes to off-topic examples) goes through two small
 * logistic regressions trained on cross-validated rankings of the training questions: one gives the
 * probability that the top article is right, the other that the knowledge base can answer at all.
 */
import { z } from 'zod';

export interface Evidence {
  /** Fused score of the best article and its lead over the second. */
  fusedTop: number;
  fusedMargin: number;
  /** Meaning: the best article's cosine, its lead over the runner-up, and the lead over off-topic examples. */
  semanticTop: number;
  semanticMargin: number;
  offTopicGap: number;
  /** Words: lunr's score of the best article (share of lunr's best), and how much of the message lunr's best explains. */
  keywordTop: number;
  coverage: number;
  /** 1 when lunr and meaning put the same article first. */
  agree: number;
  /** The topic classifier's probability that no article answers the message, and the same as log-odds. */
  offTopicClass: number;
  offTopicOdds: number;
  /** Meaning: the closest off-topic example's cosine. */
  offTopicNearest: number;
  /** The on-topic classifier's log-odds that the knowledge base covers the message at all. */
  onTopicOdds: number;
}

export const EVIDENCE_FEATURES = ['fusedTop', 'fusedMargin', 'semanticTop', 'semanticMargin', 'offTopicGap', 'keywordTop', 'coverage', 'agree', 'offTopicClass', 'offTopicOdds', 'offTopicNearest', 'onTopicOdds'] as const;
export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number];

export const logisticSchema = z
  .object({
    /** The evidence this regression reads (training chooses among a few sets by cross-validation). */
    features: z.array(z.enum(EVIDENCE_FEATURES)).min(1),
    mean: z.array(z.number()),
    scale: z.array(z.number()),
    weights: z.array(z.number()),
    bias: z.number(),
  })
  .strict()
  .refine((m) => [m.mean, m.scale, m.weights].every((a) => a.length === m.features.length), { message: 'mean, scale and weights need one number per feature' });
export type Logistic = z.infer<typeof logisticSchema>;

export const featureVector = (e: Evidence, features: readonly EvidenceFeature[]): number[] => features.map((f) => e[f]);

export function probability(model: Logistic, e: Evidence): number {
  const x = featureVector(e, model.features);
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * ((x[i] - model.mean[i]) / model.scale[i]);
  return 1 / (1 + Math.exp(-z));
}

/** Plain (unweighted) logistic regression by full-batch gradient descent: its outputs stay probabilities. */
export function trainLogistic(xs: readonly Evidence[], ys: readonly number[], features: readonly EvidenceFeature[], l2 = 1e-3, epochs = 3000, rate = 0.5): Logistic {
  const rows = xs.map((e) => featureVector(e, features));
  const dims = features.length;
  const mean = Array.from({ length: dims }, (_, i) => rows.reduce((s, r) => s + r[i], 0) / rows.length);
  const scale = mean.map((m, i) => Math.sqrt(rows.reduce((s, r) => s + (r[i] - m) ** 2, 0) / rows.length) || 1);
  const model: Logistic = { features: [...features], mean, scale, weights: new Array(dims).fill(0), bias: 0 };
  const standard = rows.map((r) => r.map((x, i) => (x - mean[i]) / scale[i]));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array(dims + 1).fill(0);
    standard.forEach((x, n) => {
      const z = model.bias + x.reduce((s, v, i) => s + v * model.weights[i], 0);
      const error = 1 / (1 + Math.exp(-z)) - ys[n];
      x.forEach((v, i) => (gradient[i] += error * v));
      gradient[dims] += error;
    });
    for (let i = 0; i < dims; i++) model.weights[i] -= rate * (gradient[i] / rows.length + l2 * model.weights[i]);
    model.bias -= rate * (gradient[dims] / rows.length);
  }
  return model;
}
