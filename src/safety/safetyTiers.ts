/**
 * How the rules' verdict and the model's probability make one tier. The rules fire → danger,
 * unless the model is all but sure it is nothing (below the veto threshold), when the bot asks
 * instead: the rules are sure of their words but can miss that the danger is over. No rule → the
 * model's probability against the danger and check thresholds.
 */
import { SafetyTier } from '../language/safetyAssessment';

export interface SafetyThresholds {
  /** At or above this probability the model alone gives danger. */
  danger: number;
  /** At or above this (and below danger) the bot asks. */
  check: number;
  /** Below this the model turns a rule's danger into a question. */
  veto: number;
}

export function tierOf(rulesFired: boolean, probability: number, thresholds: SafetyThresholds): SafetyTier {
  if (rulesFired) return probability >= thresholds.veto ? 'danger' : 'check';
  if (probability >= thresholds.danger) return 'danger';
  return probability >= thresholds.check ? 'check' : 'none';
}
