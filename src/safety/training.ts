/**
 * Training and measuring the safety classifier, without randomness that is not seeded: logistic
 * regression by full-batch gradient descent over an embedding and word slots, nearest neighbours
 * for comparison, cross-validation folds, and the rates the targets are written in.
 */
import { SafetyTier } from '../language/safetyAssessment';
import { LEXICAL_SLOTS } from './lexicalFeatures';
import { Embedding } from './sentenceEncoder';

/** What the classifier reads of one window. */
export interface Features {
  embedding: Embedding;
  /** Word slots that are on (see lexicalFeatures). */
  lexical: Int32Array;
}

export interface LinearModel {
  weights: Float32Array;
  lexical: Float32Array;
  bias: number;
}

export interface TrainOptions {
  /** L2 penalty on the embedding weights: larger keeps the model simpler. */
  l2: number;
  /** L2 penalty on the word weights, kept apart since there are many more of them. */
  lexicalL2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 1e-4, lexicalL2: 1e-3, epochs: 900, learningRate: 2 };

export function linearProbability(model: LinearModel, x: Features): number {
  let z = model.bias;
  for (let i = 0; i < x.embedding.length; i++) z += model.weights[i] * x.embedding[i];
  for (const s of x.lexical) z += model.lexical[s];
  return 1 / (1 + Math.exp(-z));
}

/** Weights that give both classes the same total, whatever their counts. */
export function balancedWeights(ys: readonly number[]): number[] {
  const positives = ys.filter((y) => y === 1).length;
  return ys.map((y) => ys.length / (2 * (y === 1 ? positives : ys.length - positives)));
}

/** Logistic regression by full-batch gradient descent with momentum; each example counts by its weight. */
export function trainLogistic(
  xs: readonly Features[],
  ys: readonly number[],
  sampleWeights: readonly number[] = balancedWeights(ys),
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LinearModel {
  const dims = xs[0].embedding.length;
  const model: LinearModel = { weights: new Float32Array(dims), lexical: new Float32Array(LEXICAL_SLOTS), bias: 0 };
  const all = dims + LEXICAL_SLOTS + 1;
  const velocity = new Float32Array(all);
  const gradient = new Float32Array(all);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    xs.forEach((x, n) => {
      const error = (linearProbability(model, x) - ys[n]) * sampleWeights[n];
      for (let i = 0; i < dims; i++) gradient[i] += error * x.embedding[i];
      for (const s of x.lexical) gradient[dims + s] += error;
      gradient[all - 1] += error;
    });
    for (let i = 0; i < all; i++) {
      const value = i < dims ? model.weights[i] : i < all - 1 ? model.lexical[i - dims] : model.bias;
      const penalty = i < dims ? options.l2 * value : i < all - 1 ? options.lexicalL2 * value : 0;
      velocity[i] = 0.9 * velocity[i] - options.learningRate * (gradient[i] / xs.length + penalty);
      if (i < dims) model.weights[i] += velocity[i];
      else if (i < all - 1) model.lexical[i - dims] += velocity[i];
      else model.bias += velocity[i];
    }
  }
  return model;
}

/** Distance-weighted vote of the k nearest labelled embeddings (cosine), as a probability. */
export function nearestNeighbours(xs: readonly Features[], ys: readonly number[], k: number): (x: Features) => number {
  return (x) => {
    const sims = xs.map((y, n) => ({ sim: cosine(x.embedding, y.embedding), label: ys[n] })).sort((a, b) => b.sim - a.sim).slice(0, k);
    const total = sims.reduce((s, n) => s + Math.max(n.sim, 0), 0);
    return total ? sims.reduce((s, n) => s + Math.max(n.sim, 0) * n.label, 0) / total : 0;
  };
}

function cosine(a: Embedding, b: Embedding): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb || 1);
}

/** A seeded shuffle into k folds (mulberry32), so cross-validation is the same every run. */
export function folds(count: number, k: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(count);
  order.forEach((item, position) => (fold[item] = position % k));
  return fold;
}

export interface TierRates {
  /** Danger-now messages given danger. */
  dangerCaught: number;
  /** Danger-now messages given danger or check. */
  dangerOrCheck: number;
  /** Near misses given danger. */
  nearMissDanger: number;
  /** Near misses given danger or check. */
  nearMissFlagged: number;
}

export function tierRates(tiers: readonly SafetyTier[], danger: readonly boolean[]): TierRates {
  const rate = (want: boolean, accept: SafetyTier[]) => {
    const group = tiers.filter((_, i) => danger[i] === want);
    return group.length ? group.filter((t) => accept.includes(t)).length / group.length : 0;
  };
  return {
    dangerCaught: rate(true, ['danger']),
    dangerOrCheck: rate(true, ['danger', 'check']),
    nearMissDanger: rate(false, ['danger']),
    nearMissFlagged: rate(false, ['danger', 'check']),
  };
}
