/**
 * The process's one sentence encoder: the packaged model in a worker thread, with a cache of recent
 * embeddings, started on first use and shared by the safety check, search and every server the
 * process starts (tests start several). Loading reads two made-up messages, a short one and one of
 * the most windows, so the first real message does not pay for the model's first run.
 */
import { CachedEncoder } from './embeddingCache';
import { MAX_MODEL_WORDS, windows } from './safetyText';
import { SentenceEncoder } from './sentenceEncoder';
import { WorkerSentenceEncoder } from './workerSentenceEncoder';

let shared: Promise<SentenceEncoder> | undefined;

export function sharedEncoder(): Promise<SentenceEncoder> {
  shared ??= WorkerSentenceEncoder.start().then(
    async (encoder) => {
      await encoder.embed(['warming up']);
      await encoder.embed(windows(Array.from({ length: MAX_MODEL_WORDS }, (_, i) => `word${i}`)));
      return new CachedEncoder(encoder);
    },
    (error: unknown) => {
      // A load that failed is not kept: the next message that needs the encoder tries again.
      shared = undefined;
      throw error;
    },
  );
  return shared;
}
