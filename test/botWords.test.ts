/**
 * Every message the bot writes in its own words (knowledge/responses.yaml, knowledge/journeys.yaml,
 * the template letters) meets the knowledge base's readability limits.
 */
import { fillLetter, LETTER_FIELDS } from '../src/content/letters';
import { READABILITY_LIMITS, scoreText } from '../src/content/readability';
import { toReaderText } from '../src/content/readerText';
import { MAX_BUTTON_TITLE } from '../src/channels/channelProfile';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { KNOWLEDGE_DIR } from '../src/paths';
import { knowledgeServices } from './helpers/testServices';

const { responses, journeyWording, letters } = knowledgeServices();
const messages = [
  ...responses.allMessages({ sources: 'Children Act 1989, section 20', reviewed: '22 November 2026', heading: 'Your rights' }).map((m) => ({ from: `responses.${m.key}`, text: m.text })),
  ...[false, true].flatMap((easy) => journeyWording.allMessages(easy, responses.text('numbered_hint'))).map((text) => ({ from: 'journeys.yaml', text })),
  ...letters.map((l) => ({ from: `letters/${l.id}`, text: fillLetter(l, Object.fromEntries(Object.keys(LETTER_FIELDS).map((k) => [k, 'Sam'])) as never) })),
];
const scored = messages.map((m) => ({ ...m, ...scoreText(toReaderText(m.text)) }));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("the bot's own words", () => {
  it('are all collected (responses, journeys and letters)', () => {
    expect(scored.length).toBeGreaterThan(150);
  });

  // Flesch-Kincaid swings wildly on a few words ("Which assessment?" scores 8.8), so the per-message
  // limit applies from 10 words up; shorter messages still count in the averages below.
  it('have no message of 10 words or more above the body limit (grade 8)', () => {
    const hard = scored.filter((m) => m.words >= 10 && m.grade > READABILITY_LIMITS.bodyMaxGrade);
    expect(hard.map((m) => `${m.from}: ${m.grade} ${m.text}`)).toEqual([]);
  });

  it('average no more than the summary limit (grade 5) and 15 words a sentence', () => {
    expect(mean(scored.map((m) => m.grade))).toBeLessThanOrEqual(READABILITY_LIMITS.summaryMeanGrade);
    const words = scored.reduce((n, m) => n + m.words, 0);
    const sentences = scored.reduce((n, m) => n + m.sentences, 0);
    expect(words / sentences).toBeLessThanOrEqual(READABILITY_LIMITS.meanWordsPerSentence);
  });
});

describe("the bot's button labels", () => {
  const { knowledge } = knowledgeServices();
  const journeys = Object.values(journeyWording.data.journeys);
  const labels = [
    ...responses.choiceLabels().map((l) => ({ from: `responses.${l.key}`, text: l.text })),
    ...knowledge.articles.map((a) => ({ from: `articles/${a.id}`, text: a.button })),
    ...journeys.map((j) => ({ from: 'journeys.yaml', text: j.button })),
    ...journeys.flatMap((j) => Object.values(j.questions).flatMap((q) => Object.values(q.choices ?? {}))).map((text) => ({ from: 'journeys.yaml', text })),
    ...['dont_know', 'yes', 'no'].map((key) => ({ from: `journeys.yaml common.${key}`, text: journeyWording.common(key) })),
    { from: 'journeys.yaml menu', text: journeyWording.data.menu.ask_question },
  ];
  const avoid = z
    .object({ avoid: z.array(z.string().min(1)).min(1) })
    .parse(parse(readFileSync(join(KNOWLEDGE_DIR, 'button-words.yaml'), 'utf8'))).avoid;

  it('are all collected (articles, journeys and responses)', () => {
    expect(labels.length).toBeGreaterThan(70);
  });

  it(`fit on a button (${MAX_BUTTON_TITLE} characters at most)`, () => {
    expect(labels.filter((l) => l.text.length > MAX_BUTTON_TITLE)).toEqual([]);
  });

  it('use none of the words to avoid in knowledge/button-words.yaml', () => {
    const uses = (label: string, word: string) => new RegExp(`(^|[^a-z0-9])${word.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}([^a-z0-9]|$)`, 'i').test(label);
    const jargon = labels.flatMap((l) => avoid.filter((w) => uses(l.text, w)).map((w) => `${l.from}: "${l.text}" uses "${w}"`));
    expect(jargon).toEqual([]);
  });
});
