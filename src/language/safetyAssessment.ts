/**
 * What the safety check concludes about one message, and the interface any safety assessor keeps:
 * "danger" gets 999 and the emergency routes first; "check" means the bot should ask whether
 * anyone is in danger right now; "none" lets the conversation carry on.
 */
import { DangerKind } from './safetyRules';
import { SafetyDetector } from './safetyDetector';

export type SafetyTier = 'danger' | 'check' | 'none';

export interface SafetyAssessment {
  tier: SafetyTier;
  /** How sure the assessor is that this is danger now, from 0 to 1. */
  score: number;
  kinds: DangerKind[];
}

export interface SafetyAssessor {
  assess(text: string): Promise<SafetyAssessment>;
}

export const NO_DANGER: SafetyAssessment = { tier: 'none', score: 0, kinds: [] };

/** The rules alone: high precision, two tiers only. */
export class RuleSafetyAssessor implements SafetyAssessor {
  constructor(private readonly detector: SafetyDetector) {}

  async assess(text: string): Promise<SafetyAssessment> {
    const verdict = this.detector.check(text);
    return verdict.crisis ? { tier: 'danger', score: 1, kinds: verdict.kinds } : NO_DANGER;
  }
}
