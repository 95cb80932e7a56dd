/**
 * The safety check in two layers. The rules (SafetyDetector) come first: when they fire it is
 * danger, with the kinds they name. Otherwise the sentence model reads the message in windows and
 * the most worrying window's probability decides: sure → danger, unsure → check (the bot asks
 * "Is anyone in danger right now?"), else none.
 */
import { SafetyAssessment, SafetyAssessor } from '../language/safetyAssessment';
import { SafetyDetector } from '../language/safetyDetector';
import { SafetyClassifier } from './safetyClassifier';
import { Embedding, SentenceEncoder } from './sentenceEncoder';
import { cleanMessage, hasWords, modelWords, windows } from './safetyText';

export interface SafetyThresholds {
  /** At or above this probability the model alone gives danger. */
  danger: number;
  /** At or above this (and below danger) the bot asks. */
  check: number;
}

export interface ModelSafetyAssessment extends SafetyAssessment {
  /** The message's embedding when the model read it whole (one window), for search to reuse. */
  embedding?: Embedding;
}

export class HybridSafetyAssessor implements SafetyAssessor {
  constructor(
    private readonly rules: SafetyDetector,
    private readonly encoder: SentenceEncoder,
    private readonly classifier: SafetyClassifier,
    private readonly thresholds: SafetyThresholds,
  ) {
    if (!(thresholds.check <= thresholds.danger)) throw new Error('The check threshold must not be above the danger threshold');
  }

  /** Whether a message is worth the model's time: button values, numbers and emoji alone are not. */
  static needsModel(text: string): boolean {
    return hasWords(text);
  }

  async assess(text: string): Promise<ModelSafetyAssessment> {
    const cleaned = cleanMessage(text);
    const verdict = this.rules.check(cleaned);
    if (verdict.crisis) return { tier: 'danger', score: 1, kinds: verdict.kinds };
    if (!HybridSafetyAssessor.needsModel(cleaned)) return { tier: 'none', score: 0, kinds: [] };
    const { score, embedding } = await this.modelScore(cleaned);
    return { tier: this.tierOf(score), score, kinds: [], ...(embedding && { embedding }) };
  }

  /** The model's probability of danger now: the highest over the message's windows. */
  async modelScore(text: string): Promise<{ score: number; embedding?: Embedding }> {
    const pieces = windows(modelWords(cleanMessage(text)));
    const embeddings = await this.encoder.embed(pieces);
    const score = Math.max(0, ...embeddings.map((e) => this.classifier.probability(e)));
    return { score, ...(embeddings.length === 1 && { embedding: embeddings[0] }) };
  }

  private tierOf(score: number): SafetyAssessment['tier'] {
    if (score >= this.thresholds.danger) return 'danger';
    return score >= this.thresholds.check ? 'check' : 'none';
  }
}
