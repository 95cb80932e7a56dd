/**
 * One query's fused ranking and the evidence about it that calibration reads. Shared by search and
 * by training, so what is measured in cross-validation is exactly what runs.
 */
import { Evidence } from './calibration';
import { fuse, Fusion, topIndexes } from './fusion';
import { SearchOutcome } from './searchIndex';
import { SemanticScores } from './semanticIndex';

export interface Ranking {
  /** The best few article indexes, best first. */
  order: number[];
  fused: Float32Array;
  evidence: Evidence;
}

/** How many articles a ranking keeps. */
export const RANKED = 5;

export function rankArticles(meaning: SemanticScores, keyword: SearchOutcome, positions: ReadonlyMap<string, number>, fusion: Fusion): Ranking {
  const semantic = meaning.articles;
  const words = new Float32Array(semantic.length);
  const best = keyword.results[0]?.score ?? 0;
  for (const r of keyword.results) words[positions.get(r.id) as number] = best > 0 ? r.score / best : 0;
  const fused = fuse({ semantic, keyword: words }, fusion);
  const order = topIndexes(fused, Math.min(RANKED, fused.length));
  const [top, second] = order;
  const [bySemantic, semanticSecond] = topIndexes(semantic, 2);
  const byKeyword = keyword.results[0] ? positions.get(keyword.results[0].id) : undefined;
  const evidence: Evidence = {
    fusedTop: fused[top],
    fusedMargin: fused[top] - (second === undefined ? 0 : fused[second]),
    semanticTop: semantic[top],
    semanticMargin: semantic[top] - (semantic[bySemantic === top ? semanticSecond : bySemantic] ?? 0),
    offTopicGap: semantic[bySemantic] - meaning.offTopic,
    keywordTop: words[top],
    coverage: keyword.coverage,
    agree: byKeyword === bySemantic && bySemantic === top ? 1 : 0,
  };
  return { order, fused, evidence };
}
