/**
 * Turns a cleaned message into what the classifier reads, window by window: the sentence
 * embedding of the window and the word slots of its normalised words (text-speak spelt out,
 * typos of danger words mended, by the same normaliser the rules use).
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
    const pieces = windows(modelWords(cleaned));
    const embeddings = await this.encoder.embed(pieces);
    return pieces.map((piece, i) => ({ embedding: embeddings[i], lexical: lexicalFeatures(this.rules.normalise(piece)) }));
  }
}
