/**
 * For content editors: prints each article's readability against the limits, so an article
 * can be rewritten until it passes. Usage: npm run kb:report [-- article-id ...]
 */
import { loadConfig } from '../config/config';
import { loadKnowledgeBase } from '../content/knowledgeBase';
import { fillPlaceholders } from '../content/placeholders';
import { READABILITY_LIMITS as L, scoreText } from '../content/readability';
import { toReaderText } from '../content/readerText';
import { serviceDetails } from '../content/serviceDetails';

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
  const flags = [s.grade > L.summaryMaxGrade && 'SUMMARY>6', b.grade > L.bodyMaxGrade && 'BODY>8'].filter(Boolean).join(' ');
  console.log(`${article.id.padEnd(40)} summary ${fmt(s.grade)}  body ${fmt(b.grade)}  words/sentence ${fmt(b.wordsPerSentence)}  ${flags}`);
  for (const section of article.sections) {
    const sc = scoreText(toReaderText(fillPlaceholders(section.text, values)));
    console.log(`    ${section.heading.padEnd(36)} ${fmt(sc.grade)}  wps ${fmt(sc.wordsPerSentence)}`);
  }
}
console.log(`\nmean summary grade ${fmt(sumS / rows.length)} (limit ${L.summaryMeanGrade}); mean body grade ${fmt(sumB / rows.length)} (limit ${L.bodyMeanGrade}); words/sentence ${fmt(words / sentences)} (limit ${L.meanWordsPerSentence})`);
