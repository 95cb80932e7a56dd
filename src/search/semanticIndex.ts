/**
 * Meaning-based retrieval: every text that says what an article is about (title, summary, phrases,
 * training questions) as a unit vector, and the off-topic examples beside them. A query costs one
 * dot product per stored text: each article scores its closest text's cosine similarity.
 */
import { Embedding } from '../safety/sentenceEncoder';

export interface SemanticEntry {
  /** Index of the article the text describes, or OFF_TOPIC. */
  article: number;
  vector: Embedding;
}

export const OFF_TOPIC = -1;
const NONE: ReadonlySet<number> = new Set();

export interface SemanticScores {
  /** Per article: the highest cosine similarity of any of its texts to the query. */
  articles: Float32Array;
  /** Per article: the mean of its three closest texts' similarities (one close text can be luck). */
  closest3: Float32Array;
  /** The highest similarity to an off-topic example. */
  offTopic: number;
}

export class SemanticIndex {
  private readonly matrix: Float32Array;
  private readonly owners: Int32Array;
  readonly dims: number;

  constructor(entries: readonly SemanticEntry[], private readonly articleCount: number) {
    this.dims = entries[0]?.vector.length ?? 0;
    this.matrix = new Float32Array(entries.length * this.dims);
    this.owners = Int32Array.from(entries.map((e) => e.article));
    entries.forEach((e, n) => this.matrix.set(unit(e.vector), n * this.dims));
  }

  /** Scores for a query; `exclude` leaves stored texts out (for leave-one-out cross-validation). */
  scores(query: Embedding, exclude: ReadonlySet<number> = NONE): SemanticScores {
    const q = unit(query);
    const articles = new Float32Array(this.articleCount).fill(-1);
    const second = new Float32Array(this.articleCount).fill(-1);
    const third = new Float32Array(this.articleCount).fill(-1);
    let offTopic = -1;
    const { dims, matrix, owners } = this;
    for (let n = 0; n < owners.length; n++) {
      if (exclude.has(n)) continue;
      let dot = 0;
      for (let i = 0, base = n * dims; i < dims; i++) dot += q[i] * matrix[base + i];
      const owner = owners[n];
      if (owner === OFF_TOPIC) offTopic = Math.max(offTopic, dot);
      else if (dot > third[owner]) {
        if (dot > articles[owner]) [articles[owner], second[owner], third[owner]] = [dot, articles[owner], second[owner]];
        else if (dot > second[owner]) [second[owner], third[owner]] = [dot, second[owner]];
        else third[owner] = dot;
      }
    }
    const closest3 = articles.map((best, a) => (best + second[a] + third[a]) / 3);
    return { articles, closest3, offTopic };
  }
}

export function unit(v: Embedding): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm) || 1;
  // A plain loop: Float32Array.from with a mapping function is many times slower, and this runs for every stored text at start.
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}
