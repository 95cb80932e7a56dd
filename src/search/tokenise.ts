/**
 * Turns text into comparable words, the same way for articles and for messages: lower case,
 * one kind of apostrophe, no possessive "'s", "s.20" / "sec 20" written as "section 20", and
 * "pre-birth" / "pre birth" kept as one word so "pre" does not tie unrelated topics together.
 */
const SECTION = /\b(?:s|sec|sect|section)\s?\.?\s?(\d{1,3})\b/g;
const PREFIXED = /\b(pre|non|co|step|ex)[-\s]+(?=[a-z])/g;

export function tokenise(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(SECTION, ' section $1 ')
      .replace(PREFIXED, '$1')
      .replace(/'s\b/g, '')
      .replace(/'/g, '')
      .match(/[a-z0-9&]+/g) ?? []
  );
}
