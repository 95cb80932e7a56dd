/**
 * An encoder that remembers every embedding in a file on disk: evaluations and tests embed the same
 * few hundred messages on every run, and need not wait for the model each time.
 */
import { Embedding, SentenceEncoder } from '../safety/sentenceEncoder';
import { EmbeddingStore } from './embeddingStore';

export class StoredEncoder implements SentenceEncoder {
  private readonly store: EmbeddingStore;
  private readonly seen = new Set<string>();

  constructor(private readonly encoder: () => Promise<SentenceEncoder>, file: string) {
    this.store = new EmbeddingStore(file);
  }

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    texts.forEach((t) => this.seen.add(t));
    if (texts.every((t) => this.store.has(t))) return this.store.embedAll(texts, { embed: async () => [] });
    return this.store.embedAll(texts, await this.encoder());
  }

  /** Writes what was embedded this run (and nothing older). */
  save(): void {
    this.store.save([...this.seen]);
  }
}
