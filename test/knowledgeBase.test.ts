/**
 * The knowledge base is the product: every contract id is there, front matter is valid, service
 * details come from configuration, and everything a reader sees meets the readability limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { loadKnowledgeBase, parseArticle } from '../src/content/knowledgeBase';
import { fillPlaceholders, placeholdersIn } from '../src/content/placeholders';
import { READABILITY_LIMITS, scoreText } from '../src/content/readability';
import { toReaderText } from '../src/content/readerText';
import { SERVICE_PLACEHOLDERS, serviceDetails } from '../src/content/serviceDetails';

const topics = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'shared', 'knowledge-topics.json'), 'utf8')).topics as { id: string; audience: string }[];
const kb = loadKnowledgeBase();
const values = serviceDetails(loadConfig({}));
const readerText = (markdown: string) => toReaderText(fillPlaceholders(markdown, values));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the knowledge base', () => {
  it('has one article for every contract id, with the audience the contract gives', () => {
    for (const topic of topics) {
      expect(kb.get(topic.id)?.audience).toBe(topic.audience);
    }
  });

  it('dates every article and cites at least one source', () => {
    for (const article of kb.articles) {
      expect(article.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(article.reviewed).getTime()).toBeLessThanOrEqual(Date.now());
      expect(article.sources.length).toBeGreaterThan(0);
    }
  });

  it('keeps the service\'s own phone number and hours out of article text', () => {
    for (const article of kb.articles) {
      const text = `${article.summary}\n${article.body}`;
      expect(text).not.toContain(values.adviceLinePhone);
      expect(placeholdersIn(text).filter((p) => !SERVICE_PLACEHOLDERS.includes(p))).toEqual([]);
    }
  });

  it('points every reader to human help', () => {
    for (const article of kb.articles) {
      expect(article.sections.some((s) => /help|adviser|urgent|danger/i.test(s.heading))).toBe(true);
    }
  });

  it('meets the readability limits for summaries', () => {
    const grades = kb.articles.map((a) => ({ id: a.id, grade: scoreText(readerText(a.summary)).grade }));
    expect(grades.filter((g) => g.grade > READABILITY_LIMITS.summaryMaxGrade)).toEqual([]);
    expect(mean(grades.map((g) => g.grade))).toBeLessThanOrEqual(READABILITY_LIMITS.summaryMeanGrade);
  });

  it('meets the readability limits for bodies', () => {
    const scores = kb.articles.map((a) => ({ id: a.id, ...scoreText(readerText(a.body)) }));
    expect(scores.filter((s) => s.grade > READABILITY_LIMITS.bodyMaxGrade).map((s) => s.id)).toEqual([]);
    expect(mean(scores.map((s) => s.grade))).toBeLessThanOrEqual(READABILITY_LIMITS.bodyMeanGrade);
    const words = scores.reduce((n, s) => n + s.words, 0);
    const sentences = scores.reduce((n, s) => n + s.sentences, 0);
    expect(words / sentences).toBeLessThanOrEqual(READABILITY_LIMITS.meanWordsPerSentence);
  });

  it('rejects bad front matter with a message naming the file and the field', () => {
    const good = readFileSync(join(__dirname, '..', 'knowledge', 'articles', 'cs-early-help.md'), 'utf8');
    expect(() => parseArticle(good.replace(/^reviewed: .*$/m, 'reviewed: last Tuesday'), 'bad.md')).toThrow(/bad\.md: reviewed/);
    expect(() => parseArticle(good.replace(/^audience: .*$/m, 'audience: everyone'), 'bad.md')).toThrow(/bad\.md: audience/);
    expect(() => parseArticle(good.replace(/^button: .*$/m, 'button: "A label far too long for a button"'), 'bad.md')).toThrow(/bad\.md: button/);
    expect(() => parseArticle('no front matter here', 'bad.md')).toThrow(/bad\.md: no front matter/);
  });
});
