/**
 * Joins the keyword ranking (lunr) and the meaning ranking (sentence embeddings) into one, and
 * measures how clear the winner is. Three ways are offered; `npm run train:search` picks one by
 * cross-validation on the training questions and records it in models/search-model.json.
 */
import { z } from 'zod';

export const fusionSchema = z.discriminatedUnion('kind', [
  /** score = w × cosine + (1 − w) × keyword score as a share of the best keyword score. */
  z.object({ kind: z.literal('linear'), semanticWeight: z.number().min(0).max(1) }).strict(),
  /** Reciprocal rank fusion: the sum over both rankings of 1 / (k + rank). */
  z.object({ kind: z.literal('rrf'), k: z.number().positive() }).strict(),
  /** A linear re-ranker over every signal (RERANK_FEATURES), trained to put the right article first. */
  z.object({ kind: z.literal('reranker'), weights: z.array(z.number()).length(5) }).strict(),
]);
export type Fusion = z.infer<typeof fusionSchema>;

/** Per article: semantic cosine and keyword score (0–1, 0 when lunr did not find it). */
export interface RankingInputs {
  semantic: Float32Array;
  /** Mean similarity of the article's three closest texts. */
  closest3: Float32Array;
  /** The topic classifier's log-probability. */
  topic: Float32Array;
  keyword: Float32Array;
}

export const RERANK_FEATURES = ['semantic', 'closest3', 'topic', 'keyword', 'keywordFound'] as const;

export function rerankFeatures(inputs: RankingInputs, article: number): number[] {
  return [inputs.semantic[article], inputs.closest3[article], inputs.topic[article], inputs.keyword[article], inputs.keyword[article] > 0 ? 1 : 0];
}

/** Listwise training: a softmax over each query's articles, pushed towards the right one. Deterministic. */
export function trainReranker(queries: readonly { inputs: RankingInputs; right: number }[], epochs = 400, rate = 0.5): number[] {
  const weights = new Array(RERANK_FEATURES.length).fill(0);
  const features = queries.map((q) => Array.from(q.inputs.semantic.keys(), (a) => rerankFeatures(q.inputs, a)));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array(weights.length).fill(0);
    queries.forEach((q, n) => {
      const scores = features[n].map((f) => f.reduce((s, x, i) => s + x * weights[i], 0));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      features[n].forEach((f, a) => f.forEach((x, i) => (gradient[i] += (exps[a] / sum - (a === q.right ? 1 : 0)) * x)));
    });
    gradient.forEach((g, i) => (weights[i] -= (rate * g) / queries.length));
  }
  return weights;
}

export function fuse(inputs: RankingInputs, fusion: Fusion): Float32Array {
  const { semantic, keyword } = inputs;
  if (fusion.kind === 'reranker') return Float32Array.from(semantic, (_, a) => rerankFeatures(inputs, a).reduce((s, x, i) => s + x * fusion.weights[i], 0));
  if (fusion.kind === 'linear') {
    const w = fusion.semanticWeight;
    return Float32Array.from(semantic, (s, i) => w * s + (1 - w) * keyword[i]);
  }
  const fused = new Float32Array(semantic.length);
  const add = (scores: Float32Array, onlyFound: boolean) =>
    order(scores).forEach((article, rank) => {
      if (!onlyFound || scores[article] > 0) fused[article] += 1 / (fusion.k + rank + 1);
    });
  add(semantic, false);
  add(keyword, true);
  return fused;
}

/** Article indexes, best score first. */
export function order(scores: Float32Array): number[] {
  return Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The best `count` article indexes without sorting them all (a large knowledge base has thousands). */
export function topIndexes(scores: Float32Array, count: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (best.length === count && scores[i] <= scores[best[count - 1]]) continue;
    let at = best.length === count ? count - 1 : best.length;
    best[at] = i;
    while (at > 0 && scores[best[at]] > scores[best[at - 1]]) {
      [best[at - 1], best[at]] = [best[at], best[at - 1]];
      at--;
    }
  }
  return best;
}
