/**
 * The safety check in two layers. The rules (SafetyDetector) come first, with the kinds they
 * name; the sentence model reads the message in windows and the most worrying window's
 * probability counts; before it turns a rule's danger into a question it also reads the message from
 * the danger on (dangerTail.ts). safetyTiers.ts says how the two make danger, check (the bot asks "Is anyone
 * in danger right now?") or none. The score is the model's probability, or 1 when the rules give danger.
 * When the model fails (its worker died, the weights did not load), the rules' verdict stands alone and
 * the failure is reported: a message is never left unchecked, and a turn never fails for it.
 */
import { NO_DANGER, SafetyAssessment, SafetyAssessor } from '../language/safetyAssessment';
import { SafetyDetector, SafetyVerdict } from '../language/safetyDetector';
import { dangerTail } from './dangerTail';
import { SafetyClassifier } from './safetyClassifier';
import { SafetyFeatures } from './safetyFeatures';
import { SafetyThresholds, tierOf } from './safetyTiers';
import { Embedding, SentenceEncoder } from './sentenceEncoder';
import { cleanMessage, hasContentWords } from './safetyText';

export interface ModelSafetyAssessment extends SafetyAssessment {
  /** The message's embedding when the model read it whole (one window), for search to reuse. */
  embedding?: Embedding;
}

export class HybridSafetyAssessor implements SafetyAssessor {
  private readonly features: SafetyFeatures;

  constructor(
    private readonly rules: SafetyDetector,
    encoder: SentenceEncoder,
    private readonly classifier: SafetyClassifier,
    private readonly thresholds: SafetyThresholds,
    private readonly onModelFailure: (error: unknown) => void = () => {},
  ) {
    this.features = new SafetyFeatures(rules, encoder);
    if (!(thresholds.veto <= thresholds.check && thresholds.check <= thresholds.danger)) throw new Error('Safety thresholds must be in order: veto ≤ check ≤ danger');
  }

  /** Whether a message is worth the model's time: numbers, emoji and function words alone are not. */
  static needsModel(text: string): boolean {
    return hasContentWords(text);
  }

  async assess(text: string): Promise<ModelSafetyAssessment> {
    const cleaned = cleanMessage(text);
    const verdict = this.rules.check(cleaned);
    try {
      return await this.withModel(cleaned, verdict);
    } catch (error) {
      this.onModelFailure(error);
      return verdict.crisis ? { tier: 'danger', score: 1, kinds: verdict.kinds } : NO_DANGER;
    }
  }

  private async withModel(cleaned: string, verdict: SafetyVerdict): Promise<ModelSafetyAssessment> {
    const model = HybridSafetyAssessor.needsModel(cleaned) ? await this.modelScore(cleaned) : { score: 0 };
    if (verdict.crisis && model.score < this.thresholds.veto) {
      // Before turning the rules' danger into a question, read from the danger on (see dangerTail).
      const tail = dangerTail(cleaned, this.rules);
      if (tail) model.score = Math.max(model.score, (await this.modelScore(tail)).score);
    }
    const tier = tierOf(verdict.crisis, model.score, this.thresholds);
    const score = verdict.crisis && tier === 'danger' ? 1 : model.score;
    return { tier, score, kinds: verdict.kinds, ...(model.embedding && { embedding: model.embedding }) };
  }

  /** The model's probability of danger now: the highest over the (cleaned) message's windows. */
  private async modelScore(cleaned: string): Promise<{ score: number; embedding?: Embedding }> {
    const pieces = await this.features.of(cleaned);
    const score = Math.max(0, ...pieces.map((p) => this.classifier.probability(p)));
    return { score, ...(pieces.length === 1 && { embedding: pieces[0].embedding }) };
  }
}
