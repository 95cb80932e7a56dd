/**
 * What the Microsoft recognizers (dates, numbers, choices) are given: their patterns cost far more
 * than linear time on long runs of digits (10,000 digits at a date question once held the server
 * for seconds), and no date, age or choice needs more than a short reply. So they see at most the
 * first 200 characters, with any run of more than 8 digits taken out.
 */
const MAX_CHARACTERS = 200;
const LONG_DIGIT_RUN = /\d{9,}/g;

export function recognizerInput(text: string): string {
  return text.slice(0, MAX_CHARACTERS).replace(LONG_DIGIT_RUN, ' ');
}
