/**
 * One query's fused ranking and the evidence about it that calibration reads. Shared by search and
 * by training, so what is measured in cross-validation is exactly what runs.
 */
import { Evidence } from './calibration';
import { fuse, Fusion, RankingInputs, topIndexes } from './fusion';
import { SearchOutcome } from './searchIndex';
import { SemanticScores } from './semanticIndex';

export interface QuerySignals {
  inputs: RankingInputs;
  offTopic: number;
  /** The topic classifier's probability for its off-topic class. */
  offTopicClass: number;
  /** The on-topic classifier's log-odds (0 without one). */
  onTopicOdds: number;
  /** Index of lunr's best article, if lunr found any. */
  keywordBest?: number;
  coverage: number;
}

export interface Ranking {
  /** The best few article indexes, best first. */
  order: number[];
  fused: Float32Array;
  evidence: Evidence;
}

/** How many articles a ranking keeps. */
export const RANKED = 5;

/**
 * Every signal about a query: meaning scores, lunr's scores, the topic and word classifiers'
 * log-probabilities (one per article, then one for "off-topic") and the on-topic classifier's log-odds.
 */
export function querySignals(meaning: SemanticScores, topic: Float32Array, words: Float32Array, keyword: SearchOutcome, positions: ReadonlyMap<string, number>, onTopicOdds = 0): QuerySignals {
  const count = meaning.articles.length;
  const keywordShare = new Float32Array(count);
  const best = keyword.results[0]?.score ?? 0;
  for (const r of keyword.results) keywordShare[positions.get(r.id) as number] = best > 0 ? r.score / best : 0;
  return {
    inputs: { semantic: meaning.articles, closest3: meaning.closest3, topic: topic.subarray(0, count), keyword: keywordShare, words: words.subarray(0, count) },
    offTopic: meaning.offTopic,
    offTopicClass: topic.length > count ? Math.exp(topic[count]) : 0,
    onTopicOdds,
    keywordBest: keyword.results[0] && positions.get(keyword.results[0].id),
    coverage: keyword.coverage,
  };
}

export function rankArticles(signals: QuerySignals, fusion: Fusion): Ranking {
  const { semantic, keyword } = signals.inputs;
  const fused = fuse(signals.inputs, fusion);
  const order = topIndexes(fused, Math.min(RANKED, fused.length));
  const [top, second] = order;
  const [bySemantic, semanticSecond] = topIndexes(semantic, 2);
  const evidence: Evidence = {
    fusedTop: fused[top],
    fusedMargin: fused[top] - (second === undefined ? 0 : fused[second]),
    semanticTop: semantic[top],
    semanticMargin: semantic[top] - (semantic[bySemantic === top ? semanticSecond : bySemantic] ?? 0),
    offTopicGap: semantic[bySemantic] - signals.offTopic,
    keywordTop: keyword[top],
    coverage: signals.coverage,
    agree: signals.keywordBest === bySemantic && bySemantic === top ? 1 : 0,
    offTopicClass: signals.offTopicClass,
    offTopicOdds: logOdds(signals.offTopicClass),
    offTopicNearest: signals.offTopic,
    onTopicOdds: signals.onTopicOdds,
  };
  return { order, fused, evidence };
}

/** Log-odds, kept finite at 0 and 1. */
function logOdds(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}
