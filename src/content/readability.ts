/**
 * Readability measures for everything a user reads. We use text-readability-ts (a maintained
 * port of Python's textstat) rather than our own syllable counting.
 */
import readability from 'text-readability-ts';

export interface ReadabilityScore {
  grade: number;
  wordsPerSentence: number;
  sentences: number;
  words: number;
}

export function scoreText(plainText: string): ReadabilityScore {
  const words = readability.lexiconCount(plainText);
  const sentences = Math.max(1, readability.sentenceCount(plainText));
  return {
    grade: readability.fleschKincaidGrade(plainText),
    wordsPerSentence: words / sentences,
    sentences,
    words,
  };
}

/** The limits the knowledge base and the bot's own messages are held to (reading age about 9). */
export const READABILITY_LIMITS = {
  summaryMeanGrade: 5,
  summaryMaxGrade: 6,
  bodyMeanGrade: 6,
  bodyMaxGrade: 8,
  meanWordsPerSentence: 15,
  /** An article's easy-read version: the whole text, and every sentence under this many words. */
  easyReadMaxGrade: 2,
  easyReadWordsBelow: 12,
} as const;
