/**
 * Turns a cleaned message into what the classifier reads, window by window. Each window is first
 * normalised by the same normaliser the rules use (text-speak spelt out, contractions expanded,
 * typos of danger words mended), since the encoder knows "kill myself" far better than "kms";
 * then it becomes a sentence embedding and word slots.
 */
import { SafetyDetector } from '../language/safetyDetector';
import { lexicalFeatures } from './lexicalFeatures';
import { modelWords, windows } from './safetyText';
import { SentenceEncoder } from './sentenceEncoder';
import { Features } from './training';

export class SafetyFeatures {
  constructor(
    private readonly rules: SafetyDetector,
    private readonly encoder: SentenceEncoder,
  ) {}

  async of(cleaned: string): Promise<Features[]> {
    const pieces = windows(modelWords(cleaned)).map((piece) => this.rules.normalise(piece));
    const embeddings = await this.encoder.embed(pieces);
    return pieces.map((piece, i) => ({ embedding: embeddings[i], lexical: lexicalFeatures(piece) }));
  }
}
