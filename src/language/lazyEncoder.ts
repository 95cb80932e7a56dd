/**
 * The sentence encoder as search sees it: the process's one shared encoder (the safety check's, in a
 * worker thread, with its cache of recent embeddings), loaded on first use. Commands that never read
 * a message's meaning pay nothing, and a message is embedded once per turn, whoever asks first.
 */
import { sharedEncoder } from '../safety/sharedEncoder';
import { Embedding, SentenceEncoder } from '../safety/sentenceEncoder';

export class LazyEncoder implements SentenceEncoder {
  private loading?: Promise<SentenceEncoder>;

  constructor(private readonly load: () => Promise<SentenceEncoder>) {}

  /** Starts loading now (e.g. while the server starts) so the first message does not wait. */
  warm(): Promise<SentenceEncoder> {
    // A load that failed is not kept, so a later message tries again.
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    return (await this.warm()).embed(texts);
  }
}

/** The process's shared encoder, loaded when first needed. */
export function sharedSentenceEncoder(): LazyEncoder {
  return new LazyEncoder(sharedEncoder);
}
