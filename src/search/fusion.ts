/**
 * Joins the keyword ranking (lunr) and the meaning ranking (sentence embeddings) into one, and
 * measures how clear the winner is. Three ways are offered; `npm run train:search` picks one by
 * cross-validation on the training questions and records it in models/search-model.json.
 */
import { z } from 'zod';

/**
 * What the re-ranker may read about each article, for one query: the signals themselves; how far each
 * is behind that query's best article (a score means more beside the others than alone); the
 * article's place in each ranking (1 / (1 + place), 0 below the first RANK_DEPTH); and the two
 * classifiers' probabilities. Training chooses among sets of these by cross-validation.
 */
export const RERANK_FEATURES = [
  'semantic', 'closest3', 'topic', 'keyword', 'keywordFound', 'words',
  'semanticBehind', 'closest3Behind', 'topicBehind', 'wordsBehind',
  'semanticPlace', 'topicPlace', 'keywordPlace', 'wordsPlace',
  'keywordTimesSemantic', 'topicProbability', 'wordsProbability',
] as const;
export type RerankFeature = (typeof RERANK_FEATURES)[number];

export const fusionSchema = z.discriminatedUnion('kind', [
  /** score = w × cosine + (1 − w) × keyword score as a share of the best keyword score. */
  z.object({ kind: z.literal('linear'), semanticWeight: z.number().min(0).max(1) }).strict(),
  /** Reciprocal rank fusion: the sum over both rankings of 1 / (k + rank). */
  z.object({ kind: z.literal('rrf'), k: z.number().positive() }).strict(),
  /** A linear re-ranker over the chosen features, trained to put the right article first. */
  z
    .object({ kind: z.literal('reranker'), features: z.array(z.enum(RERANK_FEATURES)).min(1), weights: z.array(z.number()) })
    .strict()
    .refine((f) => f.features.length === f.weights.length, { message: 'weights need one number per feature' }),
]);
export type Fusion = z.infer<typeof fusionSchema>;

/** Per article: the signals search has about it for one query. */
export interface RankingInputs {
  /** Cosine similarity of the article's closest text. */
  semantic: Float32Array;
  /** Mean similarity of the article's three closest texts. */
  closest3: Float32Array;
  /** The topic classifier's log-probability. */
  topic: Float32Array;
  /** lunr's score as a share of its best (0 when lunr did not find it). */
  keyword: Float32Array;
  /** The word classifier's log-probability. */
  words: Float32Array;
}

/** Places below this count as none: only the first few places tell the re-ranker anything. */
const RANK_DEPTH = 10;

/**
 * One re-ranker feature for every article of one query, as a column: whole arrays at a time, since a
 * large knowledge base has thousands of articles and a query's ranking must stay cheap.
 */
function featureColumn(inputs: RankingInputs, name: RerankFeature): Float32Array {
  const { semantic, closest3, topic, keyword, words } = inputs;
  const map = (xs: Float32Array, f: (x: number, a: number) => number) => {
    const out = new Float32Array(xs.length);
    for (let a = 0; a < xs.length; a++) out[a] = f(xs[a], a);
    return out;
  };
  const behind = (xs: Float32Array) => {
    let best = -Infinity;
    for (const x of xs) if (x > best) best = x;
    return map(xs, (x) => x - best);
  };
  const places = (xs: Float32Array, onlyFound = false) => {
    const out = new Float32Array(xs.length);
    topIndexes(xs, Math.min(RANK_DEPTH, xs.length)).forEach((a, place) => {
      if (!onlyFound || xs[a] > 0) out[a] = 1 / (1 + place);
    });
    return out;
  };
  switch (name) {
    case 'semantic': return semantic;
    case 'closest3': return closest3;
    case 'topic': return topic;
    case 'keyword': return keyword;
    case 'keywordFound': return map(keyword, (x) => (x > 0 ? 1 : 0));
    case 'words': return words;
    case 'semanticBehind': return behind(semantic);
    case 'closest3Behind': return behind(closest3);
    case 'topicBehind': return behind(topic);
    case 'wordsBehind': return behind(words);
    case 'semanticPlace': return places(semantic);
    case 'topicPlace': return places(topic);
    case 'keywordPlace': return places(keyword, true);
    case 'wordsPlace': return places(words);
    case 'keywordTimesSemantic': return map(keyword, (x, a) => x * semantic[a]);
    case 'topicProbability': return map(topic, Math.exp);
    case 'wordsProbability': return map(words, Math.exp);
  }
}

/** Every chosen re-ranker feature of every article for one query, one row per article (for training). */
export function rerankFeatures(inputs: RankingInputs, features: readonly RerankFeature[]): Float32Array[] {
  const columns = features.map((name) => featureColumn(inputs, name));
  return Array.from(inputs.semantic, (_, a) => Float32Array.from(columns, (column) => column[a]));
}

/** The re-ranker's score of every article: the weighted sum of its feature columns. */
function rerank(inputs: RankingInputs, features: readonly RerankFeature[], weights: readonly number[]): Float32Array {
  const scores = new Float32Array(inputs.semantic.length);
  features.forEach((name, i) => {
    const column = featureColumn(inputs, name);
    for (let a = 0; a < scores.length; a++) scores[a] += weights[i] * column[a];
  });
  return scores;
}

/** Listwise training: a softmax over each query's articles, pushed towards the right one. Deterministic. */
export function trainReranker(queries: readonly { inputs: RankingInputs; right: number }[], features: readonly RerankFeature[], epochs = 400, rate = 0.5): number[] {
  const weights = new Array(features.length).fill(0);
  const rows = queries.map((q) => rerankFeatures(q.inputs, features));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array(weights.length).fill(0);
    queries.forEach((q, n) => {
      const scores = rows[n].map((f) => f.reduce((s, x, i) => s + x * weights[i], 0));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      rows[n].forEach((f, a) => f.forEach((x, i) => (gradient[i] += (exps[a] / sum - (a === q.right ? 1 : 0)) * x)));
    });
    gradient.forEach((g, i) => (weights[i] -= (rate * g) / queries.length));
  }
  return weights;
}

export function fuse(inputs: RankingInputs, fusion: Fusion): Float32Array {
  const { semantic, keyword } = inputs;
  if (fusion.kind === 'reranker') return rerank(inputs, fusion.features, fusion.weights);
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
