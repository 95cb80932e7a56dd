/**
 * The text the sentence encoder reads for a message: the same cleaned, bounded words the safety
 * model reads, so when the safety check has already embedded a message, search reuses it from the cache.
 */
import { cleanMessage, modelWords } from '../safety/safetyText';

export const meaningText = (text: string): string => modelWords(cleanMessage(text)).join(' ');
