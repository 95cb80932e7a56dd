/** Limits shared by the dialogs. */

/** Search reads a message this long or shorter whole; the safety check always reads all of it. */
export const MAX_SEARCH_CHARACTERS = 1000;
/** A longer message is searched in windows this long: short enough that one telling sentence stands out. */
export const SEARCH_WINDOW_CHARACTERS = 400;
/** At most this many windows, spread from the start to the end, so the cost stays bounded however long it is. */
export const MAX_SEARCH_WINDOWS = 6;
/** After this many turns in a row not understood, offer a person. */
export const STRIKES_BEFORE_HUMAN_ROUTES = 3;

/**
 * The parts of a message search reads: all of it when short; otherwise up to MAX_SEARCH_WINDOWS windows
 * of SEARCH_WINDOW_CHARACTERS, the first at the start and the last at the end, each starting on a word.
 */
export function searchWindows(text: string): string[] {
  if (text.length <= MAX_SEARCH_CHARACTERS) return [text];
  const windows = Math.min(MAX_SEARCH_WINDOWS, Math.ceil(text.length / SEARCH_WINDOW_CHARACTERS));
  const lastStart = text.length - SEARCH_WINDOW_CHARACTERS;
  return Array.from({ length: windows }, (_, i) => {
    const start = Math.round((i * lastStart) / (windows - 1));
    // Start after a space so no window begins halfway through a word (the very first starts at 0).
    const wordStart = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start;
    return text.slice(wordStart, start + SEARCH_WINDOW_CHARACTERS);
  });
}
