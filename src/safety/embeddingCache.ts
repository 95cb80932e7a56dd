/**
 * Remembers recent embeddings by text, so a message embedded for the safety check is not embedded
 * again when search (or a second look) asks for the same text. Least recently used goes first.
 */
import { Embedding, SentenceEncoder } from './sentenceEncoder';

export class CachedEncoder implements SentenceEncoder {
  private readonly cache = new Map<string, Embedding>();

  constructor(
    private readonly encoder: SentenceEncoder,
    private readonly capacity = 500,
  ) {}

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    const missing = [...new Set(texts.filter((t) => !this.cache.has(t)))];
    const fresh = await this.encoder.embed(missing);
    missing.forEach((text, i) => this.remember(text, fresh[i]));
    return texts.map((text) => this.touch(text));
  }

  private touch(text: string): Embedding {
    const found = this.cache.get(text) as Embedding;
    this.cache.delete(text);
    this.cache.set(text, found);
    return found;
  }

  private remember(text: string, embedding: Embedding): void {
    this.cache.set(text, embedding);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }
}
