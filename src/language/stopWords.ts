/** English function words ("the", "and", "i", "not"): lunr's list, the one search already uses. */
import lunr from 'lunr';

export const isStopWord = (word: string): boolean => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;
