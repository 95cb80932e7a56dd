/**
 * A large list of real English words (an-array-of-english-words, about 275,000 words), so
 * spelling repair never "corrects" a real word into a different one ("sitting" is not "hitting").
 * Loaded once, on first use.
 */
let words: ReadonlySet<string> | undefined;

export function isEnglishWord(word: string): boolean {
  words ??= new Set<string>(require('an-array-of-english-words') as string[]);
  return words.has(word);
}
