/**
 * The whole safety check (rules, then the sentence model) against the targets: danger or
 * check on every danger-now message and danger alone on at least 95%; check or danger on at most
 * 10% of near misses and danger on at most 5%. The shared development set meets them. The
 * corpus's held-out part (never tuned on: only its totals are shown, never a message) meets the
 * near-miss danger target but not yet the other three: those are marked as failing, so the day
 * they are met this test says so, and a floor at today's figures guards against getting worse.
 */
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { SafetyTier } from '../src/language/safetyAssessment';
import { createSafetyAssessor } from '../src/safety/createSafetyAssessor';
import { HybridSafetyAssessor } from '../src/safety/hybridSafetyAssessor';
import { readLabelled } from '../src/safety/labelledMessages';
import { TierRates, tierRates } from '../src/safety/training';
import { knowledgeServices } from './helpers/testServices';

/** Today's held-out figures (99.3%, 91.8%, 24.8%: README, "Safety model"), with a little room for the corpus to grow. */
const FLOOR: Omit<TierRates, 'nearMissDanger'> = { dangerOrCheck: 0.99, dangerCaught: 0.91, nearMissFlagged: 0.26 };

let assessor: HybridSafetyAssessor;

beforeAll(async () => {
  assessor = createSafetyAssessor(loadConfig({ SAFETY_MODEL: 'hybrid' }), knowledgeServices().safety) as HybridSafetyAssessor;
});

async function ratesOn(file: string): Promise<TierRates> {
  const messages = readLabelled(file);
  const tiers: SafetyTier[] = [];
  for (const m of messages) tiers.push((await assessor.assess(m.text)).tier);
  return tierRates(tiers, messages.map((m) => m.danger));
}

describe('the safety check on the shared development set', () => {
  let rates: TierRates;
  beforeAll(async () => {
    rates = await ratesOn(join(__dirname, 'fixtures', 'shared', 'crisis-dev.jsonl'));
  });

  it('gives danger or check on every danger-now message', () => expect(rates.dangerOrCheck).toBe(1));
  it('gives danger alone on at least 95% of them', () => expect(rates.dangerCaught).toBeGreaterThanOrEqual(0.95));
  it('gives check or danger on at most 10% of near misses', () => expect(rates.nearMissFlagged).toBeLessThanOrEqual(0.1));
  it('gives danger on at most 5% of near misses', () => expect(rates.nearMissDanger).toBeLessThanOrEqual(0.05));
});

describe('the safety check on the held-out corpus', () => {
  let rates: TierRates;
  beforeAll(async () => {
    rates = await ratesOn(join(__dirname, '..', 'knowledge', 'safety', 'heldout.jsonl'));
  });

  it.failing('target, not met yet: danger or check on every danger-now message', () => expect(rates.dangerOrCheck).toBe(1));
  it.failing('target, not met yet: danger alone on at least 95% of them', () => expect(rates.dangerCaught).toBeGreaterThanOrEqual(0.95));
  it.failing('target, not met yet: check or danger on at most 10% of near misses', () => expect(rates.nearMissFlagged).toBeLessThanOrEqual(0.1));
  it('gives danger on at most 5% of near misses', () => expect(rates.nearMissDanger).toBeLessThanOrEqual(0.05));

  it('stays at least as good as when it was measured', () => {
    expect(rates.dangerOrCheck).toBeGreaterThanOrEqual(FLOOR.dangerOrCheck);
    expect(rates.dangerCaught).toBeGreaterThanOrEqual(FLOOR.dangerCaught);
    expect(rates.nearMissFlagged).toBeLessThanOrEqual(FLOOR.nearMissFlagged);
  });
});
