/**
 * Builds the safety check the bot and the commands use: the rules, then the packaged sentence
 * encoder (loaded once, its embeddings cached by text) and the trained classifier, with the
 * thresholds from configuration.
 */
import { Config } from '../config/config';
import { SafetyDetector } from '../language/safetyDetector';
import { CachedEncoder } from './embeddingCache';
import { HybridSafetyAssessor } from './hybridSafetyAssessor';
import { SafetyClassifier } from './safetyClassifier';
import { UniversalSentenceEncoder } from './sentenceEncoder';

export async function createSafetyAssessor(config: Config, rules: SafetyDetector): Promise<HybridSafetyAssessor> {
  const encoder = new CachedEncoder(await UniversalSentenceEncoder.load());
  return new HybridSafetyAssessor(rules, encoder, SafetyClassifier.load(), {
    danger: config.SAFETY_DANGER_THRESHOLD,
    check: config.SAFETY_CHECK_THRESHOLD,
  });
}
