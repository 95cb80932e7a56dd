/**
 * The sentence encoder for the whole process, loaded on first use: start-up and commands that never
 * read a message's meaning pay nothing, and the safety check and search share one model and one cache
 * of recent embeddings (a message is embedded once per turn, whoever asks first).
 */
import { CachedEncoder } from '../safety/embeddingCache';
import { Embedding, SentenceEncoder, UniversalSentenceEncoder } from '../safety/sentenceEncoder';

export class LazyEncoder implements SentenceEncoder {
  private loading?: Promise<SentenceEncoder>;

  constructor(private readonly load: () => Promise<SentenceEncoder>) {}

  /** Starts loading now (e.g. while the server starts) so the first message does not wait. */
  warm(): Promise<SentenceEncoder> {
    this.loading ??= this.load();
    return this.loading;
  }

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    return (await this.warm()).embed(texts);
  }
}

/** The Universal Sentence Encoder behind a cache of recent texts, loaded when first needed. */
export function sharedSentenceEncoder(): LazyEncoder {
  return new LazyEncoder(async () => new CachedEncoder(await UniversalSentenceEncoder.load()));
}
