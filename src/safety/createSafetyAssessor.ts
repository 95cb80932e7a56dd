/**
 * Builds the safety check the bot and the commands use. SAFETY_MODEL=hybrid (the default): the
 * rules, then the packaged sentence encoder and the trained classifier, with the thresholds from
 * configuration. SAFETY_MODEL=rules: the rules alone (they catch about half the danger-now messages
 * the model does; README, "Safety model"). The encoder is the process's shared one (search reads the
 * same embeddings), loaded in the background: a message that comes before it is ready waits for it,
 * so nothing is ever read by the rules alone while the model loads. If the model fails, the rules
 * still answer (see HybridSafetyAssessor).
 */
import { Config } from '../config/config';
import { sharedSentenceEncoder } from '../language/lazyEncoder';
import { RuleSafetyAssessor, SafetyAssessor } from '../language/safetyAssessment';
import { SafetyDetector } from '../language/safetyDetector';
import { HybridSafetyAssessor } from './hybridSafetyAssessor';
import { SafetyClassifier } from './safetyClassifier';
import { SentenceEncoder } from './sentenceEncoder';

export function createSafetyAssessor(
  config: Config,
  rules: SafetyDetector,
  encoder: SentenceEncoder = sharedSentenceEncoder(),
  onModelFailure?: (error: unknown) => void,
): SafetyAssessor {
  if (config.SAFETY_MODEL === 'rules') return new RuleSafetyAssessor(rules);
  const thresholds = { danger: config.SAFETY_DANGER_THRESHOLD, check: config.SAFETY_CHECK_THRESHOLD, veto: config.SAFETY_RULE_VETO_THRESHOLD };
  return new HybridSafetyAssessor(rules, encoder, SafetyClassifier.load(), thresholds, onModelFailure);
}
