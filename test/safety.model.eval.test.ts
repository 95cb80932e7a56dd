/**
 * The whole safety check (rules, then the sentence model) against the targets, on the corpus's
 * held-out part (never tuned on: only its totals are shown, never a message) and on the shared
 * development set: danger or check on every danger-now message and danger alone on at least 95%;
 * check or danger on at most 10% of near misses and danger on at most 5%.
 */
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { createSafetyAssessor } from '../src/safety/createSafetyAssessor';
import { HybridSafetyAssessor } from '../src/safety/hybridSafetyAssessor';
import { readLabelled } from '../src/safety/labelledMessages';
import { tierRates } from '../src/safety/training';
import { knowledgeServices } from './helpers/testServices';

let assessor: HybridSafetyAssessor;

beforeAll(async () => {
  assessor = await createSafetyAssessor(loadConfig({}), knowledgeServices().safety);
});

const SETS = [
  { name: 'the held-out corpus', file: join(__dirname, '..', 'knowledge', 'safety', 'heldout.jsonl') },
  { name: 'the shared development set', file: join(__dirname, 'fixtures', 'shared', 'crisis-dev.jsonl') },
];

describe.each(SETS)('the safety check on $name', ({ file }) => {
  let rates: ReturnType<typeof tierRates>;
  beforeAll(async () => {
    const messages = readLabelled(file);
    const tiers = [];
    for (const m of messages) tiers.push((await assessor.assess(m.text)).tier);
    rates = tierRates(tiers, messages.map((m) => m.danger));
  });

  it('gives danger or check on every danger-now message', () => expect(rates.dangerOrCheck).toBe(1));
  it('gives danger alone on at least 95% of them', () => expect(rates.dangerCaught).toBeGreaterThanOrEqual(0.95));
  it('gives check or danger on at most 10% of near misses', () => expect(rates.nearMissFlagged).toBeLessThanOrEqual(0.1));
  it('gives danger on at most 5% of near misses', () => expect(rates.nearMissDanger).toBeLessThanOrEqual(0.05));
});
