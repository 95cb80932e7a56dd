/**
 * An encoder whose embeddings are kept in a file between training runs, so re-training after a
 * corpus change embeds only the new messages. Training only; the bot keeps its cache in memory.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Embedding, SentenceEncoder } from './sentenceEncoder';

export class FileCachedEncoder implements SentenceEncoder {
  private readonly known = new Map<string, Embedding>();

  constructor(
    private readonly encoder: SentenceEncoder,
    private readonly file: string,
  ) {
    if (!existsSync(file)) return;
    for (const [text, base64] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) {
      const bytes = Buffer.from(base64, 'base64');
      this.known.set(text, new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice());
    }
  }

  async embed(texts: readonly string[]): Promise<Embedding[]> {
    const missing = texts.filter((t) => !this.known.has(t));
    (await this.encoder.embed(missing)).forEach((e, i) => this.known.set(missing[i], e));
    return texts.map((t) => this.known.get(t) as Embedding);
  }

  save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const entries = [...this.known].map(([text, e]) => [text, Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('base64')]);
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(entries)));
  }
}
