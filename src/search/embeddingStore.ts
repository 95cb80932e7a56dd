/**
 * Embeddings kept on disk, keyed by a hash of the text, so the knowledge base's texts are embedded
 * once (when they change), not at every start. Each vector is stored as 512 signed bytes and a scale:
 * a quarter of the size of floats, and cosine similarities move by well under 0.01.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { Embedding, SentenceEncoder } from '../safety/sentenceEncoder';

const ENCODER_NAME = 'universal-sentence-encoder-lite';
const storeSchema = z.object({ encoder: z.literal(ENCODER_NAME), vectors: z.record(z.string(), z.string()) }).strict();

export const textKey = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 20);

function pack(v: Embedding): string {
  const scale = Math.max(1e-12, ...v.map(Math.abs)) / 127;
  const bytes = Buffer.alloc(4 + v.length);
  bytes.writeFloatLE(scale, 0);
  v.forEach((x, i) => bytes.writeInt8(Math.round(x / scale), 4 + i));
  return bytes.toString('base64');
}

function unpack(packed: string): Embedding {
  const bytes = Buffer.from(packed, 'base64');
  const scale = bytes.readFloatLE(0);
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + 4, bytes.length - 4);
  const v = new Float32Array(values.length);
  for (let i = 0; i < v.length; i++) v[i] = values[i] * scale;
  return v;
}

export class EmbeddingStore {
  private readonly vectors: Map<string, string>;

  constructor(private readonly file: string) {
    if (!existsSync(file)) this.vectors = new Map();
    else {
      const parsed = storeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
      this.vectors = new Map(Object.entries(parsed.data.vectors));
    }
  }

  has(text: string): boolean {
    return this.vectors.has(textKey(text));
  }

  /** Embeddings for every text, embedding (in batches) only those not stored yet. */
  async embedAll(texts: readonly string[], encoder: SentenceEncoder, batch = 64): Promise<Embedding[]> {
    const missing = [...new Set(texts.filter((t) => !this.has(t)))];
    for (let i = 0; i < missing.length; i += batch) {
      const chunk = missing.slice(i, i + batch);
      (await encoder.embed(chunk)).forEach((v, j) => this.vectors.set(textKey(chunk[j]), pack(v)));
    }
    return texts.map((t) => unpack(this.vectors.get(textKey(t)) as string));
  }

  /** Writes the store keeping only the texts given (the ones still in use), sorted so diffs stay small. */
  save(keep: readonly string[]): void {
    const keys = [...new Set(keep.map(textKey))].filter((k) => this.vectors.has(k)).sort();
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify({ encoder: ENCODER_NAME, vectors: Object.fromEntries(keys.map((k) => [k, this.vectors.get(k)])) })}\n`);
  }
}
