/**
 * Word features beside the sentence embedding: an embedding knows what a message is about, but
 * hardly whether it is happening now, is over, or is a "what if". Words and word pairs carry that
 * ("last year", "right now", "what if"), so the classifier also sees them, hashed into a fixed
 * number of slots, plus the rules' own signs of time and of danger over, and how long the window
 * is (a few words about a child read very differently from a long story).
 */
import { HYPOTHETICAL, PAST_TIME, PRESENT_TIME, RECOVERED } from '../language/safetyRules';

export const LEXICAL_SLOTS = 4096;

const CUES: readonly RegExp[] = [PAST_TIME, PRESENT_TIME, HYPOTHETICAL, RECOVERED];
/** Upper bounds of the window-length buckets, in words. */
const LENGTHS = [2, 4, 7, 12, 20, Infinity];

/** The slots a (normalised, lower-case) window turns on; each counts once. */
export function lexicalFeatures(normalised: string): Int32Array {
  const words = normalised.match(/[\p{L}\p{N}]+/gu) ?? [];
  const slots = new Set<number>();
  words.forEach((w, i) => {
    slots.add(slot(`w:${w}`));
    if (i > 0) slots.add(slot(`b:${words[i - 1]} ${w}`));
  });
  CUES.forEach((cue, i) => {
    if (cue.test(normalised)) slots.add(slot(`cue:${i}`));
  });
  slots.add(slot(`length:${LENGTHS.findIndex((most) => words.length <= most)}`));
  return Int32Array.from(slots);
}

/** FNV-1a: a stable hash, the same in training and at run time. */
function slot(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LEXICAL_SLOTS;
}
