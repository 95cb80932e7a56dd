/**
 * The text the sentence encoder reads for a message: exactly what the safety model reads for a message
 * of one window (cleaned, bounded, lower case, then spelt out by the rules' normaliser: text-speak,
 * contractions, typos), so the embedding the safety check made is reused from the cache.
 */
import { cleanMessage, modelWords } from '../safety/safetyText';

export type Normaliser = (text: string) => string;

export const meaningText = (text: string, normalise: Normaliser): string => normalise(modelWords(cleanMessage(text)).join(' '));
