/**
 * Issue 11: every claim an article makes is traced to one of its sources, it has an easy-read
 * version that really is easy, and a review record says what was checked and when.
 * KB_ONLY=id,id runs these checks on some articles only, for an editor working on them.
 */
import { loadKnowledgeBase, parseArticle } from '../src/content/knowledgeBase';
import { READABILITY_LIMITS as L, scoreText } from '../src/content/readability';
import { toReaderText } from '../src/content/readerText';
import { loadReviewRecords } from '../src/content/reviewRecord';
import { CLAIM_SECTIONS, markedSentences, stripSourceMarks } from '../src/content/sourceMarks';
import { Article } from '../src/content/articleSchema';
import { pastCheckBy } from '../src/content/checkBy';

const only = (process.env.KB_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const kb = loadKnowledgeBase();
const articles = kb.articles.filter((a) => !only.length || only.includes(a.id));
const records = loadReviewRecords();
const keysOf = (article: Article) => new Set(article.sources.map((s) => s.key));

describe('source keys', () => {
  it('gives every source a key', () => {
    const missing = articles.flatMap((a) => a.sources.filter((s) => !s.key).map((s) => `${a.id}: ${s.title}`));
    expect(missing).toEqual([]);
  });

  it('marks every sentence of "What this means" and "Your rights" with at least one key', () => {
    const unmarked = articles.flatMap((a) =>
      a.sentences.filter((s) => CLAIM_SECTIONS.includes(s.section) && !s.keys.length).map((s) => `${a.id}: ${s.text}`),
    );
    expect(unmarked).toEqual([]);
  });

  it('points every mark at one of the article\'s own sources', () => {
    const unknown = articles.flatMap((a) =>
      a.sentences.flatMap((s) => s.keys.filter((k) => !keysOf(a).has(k)).map((k) => `${a.id}: [^${k}] in "${s.text}"`)),
    );
    expect(unknown).toEqual([]);
  });

  it('never shows a mark to a reader', () => {
    for (const article of kb.articles) {
      expect(`${article.summary}\n${article.body}\n${article.easy_read ?? ''}`).not.toMatch(/\[\^/);
      for (const section of article.sections) expect(section.text).not.toMatch(/\[\^/);
    }
  });
});

describe('reading source marks', () => {
  it('splits a body into sentences with their keys, marks before or after the full stop', () => {
    const body = [
      '## What this means',
      'You can take your child home at any time.[^ca1989-s20][^williams] You do not need a reason[^williams].',
      'You can read more at legislation.gov.uk after 9.30am.',
      '## Your rights',
      'You have the right to:',
      '- say no[^ca1989-s20]',
    ].join('\n');
    expect(markedSentences(body)).toEqual([
      { section: 'What this means', text: 'You can take your child home at any time.', keys: ['ca1989-s20', 'williams'] },
      { section: 'What this means', text: 'You do not need a reason.', keys: ['williams'] },
      { section: 'What this means', text: 'You can read more at legislation.gov.uk after 9.30am.', keys: [] },
      { section: 'Your rights', text: 'say no', keys: ['ca1989-s20'] },
    ]);
  });

  it('loads an article with its marks taken out of everything shown, and kept on its sentences', () => {
    const article = parseArticle(
      '---\nid: x-test\ntitle: A test\nbutton: Test\naudience: all\nsummary: You can say no to section 20.[^s20]\nphrases: [a one, a two, a three]\n' +
        'sources: [{key: s20, title: Children Act 1989, section 20}]\neasy_read: "You can say no.\\nIt is your choice.\\nAsk for help."\nreviewed: 2026-12-01\n---\n## Your rights\nYou can say no.[^s20]',
      'x-test.md',
    );
    expect(article.summary).toBe('You can say no to section 20.');
    expect(article.body).toBe('## Your rights\nYou can say no.');
    expect(article.sections[0].text).toBe('You can say no.');
    expect(article.sentences).toEqual([{ section: 'Your rights', text: 'You can say no.', keys: ['s20'] }]);
  });

  it('takes out every mark, even a mistyped one, and the space before it', () => {
    expect(stripSourceMarks('You can say no [^ca1989-s20].[^Williams v Hackney]')).toBe('You can say no.');
    expect(stripSourceMarks('You can say no [^ca1989-s20].[^Williams]')).toBe('You can say no.');
    expect(toReaderText('- You can say no.[^ca1989-s20]')).toBe('You can say no.');
  });
});

describe('easy read', () => {
  it('gives every article an easy-read version', () => {
    expect(articles.filter((a) => !a.easy_read).map((a) => a.id)).toEqual([]);
  });

  it('keeps every easy-read sentence under 12 words and the whole text at grade 2 or less', () => {
    const hard = articles.flatMap((a) => {
      if (!a.easy_read) return [];
      const lines = a.easy_read.split('\n').filter((l) => l.trim());
      const long = lines.flatMap((l) => l.split(/(?<=[.!?])\s+/)).filter((s) => s.split(/\s+/).filter(Boolean).length >= L.easyReadWordsBelow);
      const grade = scoreText(toReaderText(a.easy_read)).grade;
      return [...long.map((s) => `${a.id}: "${s}" has ${L.easyReadWordsBelow} words or more`), ...(grade > L.easyReadMaxGrade ? [`${a.id}: grade ${grade.toFixed(1)}`] : [])];
    });
    expect(hard).toEqual([]);
  });
});

describe('review records', () => {
  it('has a review record for every article, dated the day the article says it was reviewed', () => {
    const problems = articles.flatMap((a) => {
      const record = records.get(a.id);
      if (!record) return [`${a.id}: no knowledge/reviews/${a.id}.yaml`];
      return record.date === a.reviewed ? [] : [`${a.id}: record dated ${record.date}, article reviewed ${a.reviewed}`];
    });
    expect(problems).toEqual([]);
  });

  it('gives only keys the article has to each claim in a record', () => {
    const unknown = [...records.values()].flatMap((r) => {
      const article = kb.get(r.id);
      if (!article) return [`${r.id}: no article with this id`];
      return r.claims.flatMap((c) => c.keys.filter((k) => !keysOf(article).has(k)).map((k) => `${r.id}: ${k} in "${c.claim}"`));
    });
    expect(unknown).toEqual([]);
  });
});

describe('check-by dates', () => {
  it('warns, without failing, about facts past their check-by date', () => {
    const today = new Date().toISOString().slice(0, 10);
    const due = pastCheckBy(articles, today);
    for (const a of due) console.warn(`${a.id}: past its check-by date ${a.check_by}: ${a.check_note}`);
    expect(due.every((a) => a.check_note)).toBe(true);
  });

  it('counts a check-by date as past only from the day after it', () => {
    const dated = [{ id: 'a', check_by: '2027-04-06' }, { id: 'b', check_by: undefined }, { id: 'c', check_by: '2026-11-30' }];
    expect(pastCheckBy(dated, '2027-04-06').map((a) => a.id)).toEqual(['c']);
    expect(pastCheckBy(dated, '2027-04-07').map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('rejects a check_by without a check_note, and a badly written key, naming the field', () => {
    const text = (frontMatter: string) =>
      `---\nid: x-test\ntitle: A test\nbutton: Test\naudience: all\nsummary: A summary long enough to pass.\nphrases: [a one, a two, a three]\nreviewed: 2026-12-01\n${frontMatter.includes('easy_read') ? '' : 'easy_read: "One.\\nTwo.\\nThree."\n'}${frontMatter}\n---\n## What this means\nText.`;
    expect(() => parseArticle(text('sources: [{key: s1, title: A source}]\ncheck_by: 2027-04-01'), 'bad.md')).toThrow(/bad\.md: check_note/);
    expect(() => parseArticle(text('sources: [{key: Section 20, title: A source}]'), 'bad.md')).toThrow(/bad\.md: sources\.0\.key/);
    expect(() => parseArticle(text('sources: [{key: s1, title: A source}, {key: s1, title: Another}]'), 'bad.md')).toThrow(/bad\.md: sources: key used twice: s1/);
    expect(() => parseArticle(text('sources: [{key: s1, title: A source}]\neasy_read: "Only one line."'), 'bad.md')).toThrow(/bad\.md: easy_read/);
  });
});
