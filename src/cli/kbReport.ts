/**
 * For content editors: prints each article's readability against the limits, so an article
 * can be rewritten until it passes, and lists the articles past their check-by date.
 * Usage: npm run kb:report [-- article-id ...]
 */
import { loadConfig } from '../config/config';
import { pastCheckBy } from '../content/checkBy';
import { loadKnowledgeBase } from '../content/knowledgeBase';
import { fillPlaceholders } from '../content/placeholders';
import { READABILITY_LIMITS as L, scoreText } from '../content/readability';
import { toReaderText } from '../content/readerText';
import { serviceDetails } from '../content/serviceDetails';
import { CLAIM_SECTIONS } from '../content/sourceMarks';

const only = process.argv.slice(2);
const values = serviceDetails(loadConfig({}));
const kb = loadKnowledgeBase(undefined, { allowMissingRelated: true });
const rows = kb.articles.filter((a) => !only.length || only.includes(a.id));
const fmt = (n: number) => n.toFixed(1).padStart(5);
let sumS = 0;
let sumB = 0;
let words = 0;
let sentences = 0;
for (const article of rows) {
  const s = scoreText(toReaderText(fillPlaceholders(article.summary, values)));
  const b = scoreText(toReaderText(fillPlaceholders(article.body, values)));
  sumS += s.grade;
  sumB += b.grade;
  words += s.words + b.words;
  sentences += s.sentences + b.sentences;
  const e = scoreText(toReaderText(article.easy_read));
  const flags = [s.grade > L.summaryMaxGrade && 'SUMMARY>6', b.grade > L.bodyMaxGrade && 'BODY>8', e ? e.grade > L.easyReadMaxGrade && 'EASY>2' : 'NO-EASY-READ']
    .filter((f): f is string => typeof f === 'string');
  const keys = new Set(article.sources.map((src) => src.key));
  const unmarked = article.sentences.filter((x) => CLAIM_SECTIONS.includes(x.section) && !x.keys.length).length;
  const unknown = article.sentences.flatMap((x) => x.keys).filter((k) => !keys.has(k)).length;
  if (unmarked) flags.push(`UNMARKED:${unmarked}`);
  if (unknown) flags.push(`UNKNOWN-KEYS:${unknown}`);
  const easy = e ? `easy read ${fmt(e.grade)}` : 'easy read   -  ';
  console.log(`${article.id.padEnd(40)} summary ${fmt(s.grade)}  body ${fmt(b.grade)}  ${easy}  words/sentence ${fmt(b.wordsPerSentence)}  ${flags.join(' ')}`);
  for (const section of article.sections) {
    const sc = scoreText(toReaderText(fillPlaceholders(section.text, values)));
    console.log(`    ${section.heading.padEnd(36)} ${fmt(sc.grade)}  wps ${fmt(sc.wordsPerSentence)}`);
  }
}
console.log(`\nmean summary grade ${fmt(sumS / rows.length)} (limit ${L.summaryMeanGrade}); mean body grade ${fmt(sumB / rows.length)} (limit ${L.bodyMeanGrade}); words/sentence ${fmt(words / sentences)} (limit ${L.meanWordsPerSentence})`);

const today = new Date().toISOString().slice(0, 10);
const due = pastCheckBy(rows, today);
console.log(due.length ? `\npast their check-by date (${due.length}):` : '\nno article is past its check-by date');
for (const a of due) console.log(`  ${a.id.padEnd(40)} ${a.check_by}  ${a.check_note}`);
