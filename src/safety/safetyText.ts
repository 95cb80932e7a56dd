/**
 * What the safety model is allowed to see: a cleaned, bounded copy of a message, cut into
 * overlapping windows of words. Cleaning removes what no reader sees (control characters, NUL,
 * zero-width marks, broken surrogates), shortens runs of one letter ("pleeeease") and very long
 * "words", and lower-cases, so odd input costs no more than an ordinary message. Windows let a
 * long story be read piece by piece: the worst piece decides, so danger at its end is not lost.
 */
import { isStopWord } from '../language/stopWords';

/** Words in one window: about the length of a long sentence. */
export const WINDOW_WORDS = 28;
/** Words shared by neighbouring windows, so no phrase is cut in two without also being seen whole. */
export const WINDOW_OVERLAP = 8;
/** Beyond this the model sees the opening and the end (where what is happening now is usually told). */
export const MAX_MODEL_WORDS = 68;
const OPENING_WORDS = 16;
const MAX_WORD_CHARS = 30;
/** Enough of any message for the rules, whatever its length; the rest is cut before any work. */
export const MAX_RULE_CHARS = 4000;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]+/gu;

/** The message as a reader sees it: no invisible characters, NFKC, no runs of one letter or endless words, bounded. */
export function cleanMessage(text: string): string {
  const raw = text.length > MAX_RULE_CHARS * 4 ? `${text.slice(0, MAX_RULE_CHARS * 2)} ${text.slice(-MAX_RULE_CHARS * 2)}` : text;
  const spaced = raw
    .replace(INVISIBLE, ' ')
    .normalize('NFKC')
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .replace(/\S+/g, (word) => (word.length > MAX_WORD_CHARS ? word.slice(0, MAX_WORD_CHARS) : word))
    .replace(/\s+/g, ' ')
    .trim();
  if (spaced.length <= MAX_RULE_CHARS) return spaced;
  // Keep the opening and the end: the newest part of a long story is what is happening now.
  return `${spaced.slice(0, MAX_RULE_CHARS / 4)} … ${spaced.slice(-(MAX_RULE_CHARS * 3) / 4)}`;
}

/** The cleaned message's words as the model reads them. */
export function modelWords(cleaned: string): string[] {
  const words = cleaned.toLowerCase().split(' ').filter(Boolean);
  return words.length <= MAX_MODEL_WORDS ? words : [...words.slice(0, OPENING_WORDS), ...words.slice(-(MAX_MODEL_WORDS - OPENING_WORDS))];
}

/** Overlapping windows of at most WINDOW_WORDS words covering every word given. */
export function windows(words: readonly string[]): string[] {
  if (words.length <= WINDOW_WORDS) return words.length ? [words.join(' ')] : [];
  const step = WINDOW_WORDS - WINDOW_OVERLAP;
  const out: string[] = [];
  for (let start = 0; ; start += step) {
    const end = Math.min(start + WINDOW_WORDS, words.length);
    out.push(words.slice(Math.max(0, end - WINDOW_WORDS), end).join(' '));
    if (end === words.length) return out;
  }
}

/** Whether a message has words at all: a word of two different letters, not only emoji, digits or marks. */
export function hasWords(text: string): boolean {
  return /(\p{L})(?!\1)\p{L}/u.test(text);
}

/**
 * Whether a message has anything a sentence model can read: a word that is not a function word.
 * Numbers joined by "and" ("4 and 7", an answer to "How old are the children?") say nothing of
 * danger, and the model, which knows "and" and "is" mostly from stories of danger now, misreads them.
 */
export function hasContentWords(text: string): boolean {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).some((word) => hasWords(word) && !isStopWord(word));
}
