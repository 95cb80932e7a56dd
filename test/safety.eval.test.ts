/**
 * The safety detector on evaluation sets: every crisis caught and at most 5% false alarms on the
 * development set, and the same on sets written by people who had not seen the rules.
 */
import { join } from 'node:path';
import { readJsonl } from './helpers/jsonl';
import { knowledgeServices } from './helpers/testServices';

interface Case {
  text: string;
  crisis: boolean;
}

const { safety } = knowledgeServices();

describe.each(['shared/crisis-dev.jsonl', 'crisis-extra.jsonl', 'crisis-more.jsonl', 'crisis-blind.jsonl'])('the safety detector on %s', (file) => {
  const cases = readJsonl<Case>(join(__dirname, 'fixtures', file));

  it('catches every crisis', () => {
    const missed = cases.filter((c) => c.crisis && !safety.check(c.text).crisis).map((c) => c.text);
    expect(missed).toEqual([]);
  });

  it('raises a false alarm on at most 5% of the rest', () => {
    const calm = cases.filter((c) => !c.crisis);
    const alarms = calm.filter((c) => safety.check(c.text).crisis).map((c) => c.text);
    expect(alarms.length / calm.length).toBeLessThanOrEqual(0.05);
  });
});

describe('the safety detector on ordinary questions', () => {
  it('raises an alarm on at most 1% of the questions in the retrieval sets', () => {
    const files = ['shared/retrieval-dev.jsonl', 'retrieval-extra.jsonl', 'retrieval-more.jsonl', 'retrieval-blind.jsonl'];
    const questions = files.flatMap((f) => readJsonl<{ text: string; ids: string[] }>(join(__dirname, 'fixtures', f))).filter((q) => q.ids[0] !== 'help-emergency');
    const alarms = questions.filter((q) => safety.check(q.text).crisis).map((q) => q.text);
    expect(alarms.length / questions.length).toBeLessThanOrEqual(0.01);
  });
});
