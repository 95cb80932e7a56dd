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
import { loadHeldOutCorpus } from '../src/search/questionCorpus';
import { knowledgeServices } from './helpers/testServices';

/** Today's held-out figures (99.4%, 91.6%, 26.0%: README, "Safety model"), with a little room for the corpus to grow. */
const FLOOR: Omit<TierRates, 'nearMissDanger'> = { dangerOrCheck: 0.99, dangerCaught: 0.91, nearMissFlagged: 0.27 };

/** Today's share of ordinary held-out messages asked the check question (2.7%: README, "Safety model"), with a little room. */
const ORDINARY_CHECK_FLOOR = 0.04;

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

/**
 * What the check question costs families who are in no danger at all: questions and off-topic
 * messages from search's held-out files, which neither search nor the safety model learnt from
 * (questions about the emergency and domestic-abuse articles left out: those may tell of danger).
 */
describe('the safety check on ordinary messages it never learnt from', () => {
  const DANGER_ARTICLES = new Set(['help-emergency', 'help-domestic-abuse']);
  let tiers: SafetyTier[];
  beforeAll(async () => {
    const { questions, offTopic } = loadHeldOutCorpus();
    const ordinary = [...questions.filter((q) => !q.ids.some((id) => DANGER_ARTICLES.has(id))), ...offTopic];
    tiers = [];
    for (const q of ordinary) tiers.push((await assessor.assess(q.text)).tier);
  });
  const share = (tier: SafetyTier) => tiers.filter((t) => t === tier).length / tiers.length;

  it(`asks "Is anyone in danger right now?" of at most ${ORDINARY_CHECK_FLOOR * 100}% of them`, () => expect(share('check')).toBeLessThanOrEqual(ORDINARY_CHECK_FLOOR));
  it('gives the danger reply to at most 1% of them', () => expect(share('danger')).toBeLessThanOrEqual(0.01));
});
