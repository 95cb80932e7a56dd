/**
 * Retrieval quality on evaluation sets: the development set (contract targets) and sets written
 * by people who had not seen the search code (regression guards for generalisation).
 */
import { join } from 'node:path';
import { readJsonl } from './helpers/jsonl';
import { knowledgeServices } from './helpers/testServices';

interface Case {
  text: string;
  ids: string[];
}

const fixture = (name: string) => join(__dirname, 'fixtures', name);
const { search } = knowledgeServices();

function measure(cases: Case[]) {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const ids = search.search(c.text, 5).results.map((r) => r.id);
    if (c.ids.includes(ids[0])) top1++;
    else misses.push(`${c.text} -> ${ids[0]} (want ${c.ids[0]})`);
    if (ids.slice(0, 3).some((id) => c.ids.includes(id))) top3++;
  }
  return { top1: top1 / cases.length, top3: top3 / cases.length, misses };
}

describe('search', () => {
  it('finds the right article on the development set: top-1 at least 90%, top-3 at least 97%', () => {
    const result = measure(readJsonl<Case>(fixture('shared/retrieval-dev.jsonl')));
    expect(result.top1).toBeGreaterThanOrEqual(0.9);
    expect(result.top3).toBeGreaterThanOrEqual(0.97);
  });

  it.each([
    ['retrieval-extra.jsonl', 0.84, 0.94],
    ['retrieval-more.jsonl', 0.87, 0.96],
    ['retrieval-blind.jsonl', 0.8, 0.93],
  ])('keeps its level on messages written without seeing the code (%s)', (file, minTop1, minTop3) => {
    const result = measure(readJsonl<Case>(fixture(file)));
    expect(result.top1).toBeGreaterThanOrEqual(minTop1);
    expect(result.top3).toBeGreaterThanOrEqual(minTop3);
  });

  it('is not sure about messages the knowledge base cannot answer', () => {
    const sure = readJsonl<{ text: string }>(fixture('off-topic.jsonl')).filter((c) => search.search(c.text).confidence === 'sure');
    expect(sure.length).toBeLessThanOrEqual(1);
  });

  it('is right when it says it is sure (at least 93% of the time)', () => {
    const cases = ['shared/retrieval-dev.jsonl', 'retrieval-extra.jsonl', 'retrieval-more.jsonl', 'retrieval-blind.jsonl'].flatMap((f) => readJsonl<Case>(fixture(f)));
    const sure = cases.map((c) => ({ c, o: search.search(c.text) })).filter(({ o }) => o.confidence === 'sure');
    const right = sure.filter(({ c, o }) => c.ids.includes(o.results[0].id));
    expect(right.length / sure.length).toBeGreaterThanOrEqual(0.93);
    expect(sure.length / cases.length).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ['the social want me to sign a section 20', 'cs-section-20-voluntary-accommodation'],
    ['sgo money?', 'kin-special-guardianship'],
    ['wat is a cp confrence', 'cs-child-protection-conference'],
    ['my nan has got an SGO for me', 'kin-special-guardianship'],
    ['got a letter before proceedings', 'cs-pre-proceedings-plo'],
    ['can i get a brief for free', 'adv-legal-advice-solicitor'],
  ])('understands everyday words and slips: "%s"', (text, id) => {
    expect(search.search(text).results[0].id).toBe(id);
  });

  it('answers empty or symbol-only messages with no results rather than an error', () => {
    for (const text of ['', '   ', '???', '🙂', '\u0000\u0007']) {
      expect(search.search(text)).toEqual({ results: [], confidence: 'none', coverage: 0 });
    }
  });
});
