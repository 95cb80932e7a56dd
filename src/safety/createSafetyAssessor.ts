/**
 * Builds the safety check the bot and the commands use: the rules, then the packaged sentence
 * encoder (loaded once, its embeddings cached by text) and the trained classifier, with the
 * thresholds from configuration. It reads two made-up messages once, a short one and one of the
 * most windows, so the first real message does not pay for the model's first run.
 */
import { Config } from '../config/config';
import { SafetyDetector } from '../language/safetyDetector';
import { CachedEncoder } from './embeddingCache';
import { HybridSafetyAssessor } from './hybridSafetyAssessor';
import { SafetyClassifier } from './safetyClassifier';
import { MAX_MODEL_WORDS } from './safetyText';
import { UniversalSentenceEncoder } from './sentenceEncoder';

export async function createSafetyAssessor(config: Config, rules: SafetyDetector): Promise<HybridSafetyAssessor> {
  const encoder = new CachedEncoder(await UniversalSentenceEncoder.load());
  const assessor = new HybridSafetyAssessor(rules, encoder, SafetyClassifier.load(), {
    danger: config.SAFETY_DANGER_THRESHOLD,
    check: config.SAFETY_CHECK_THRESHOLD,
    veto: config.SAFETY_RULE_VETO_THRESHOLD,
  });
  await assessor.modelScore('warming up');
  await assessor.modelScore(Array.from({ length: MAX_MODEL_WORDS }, (_, i) => `word${i}`).join(' '));
  return assessor;
}
