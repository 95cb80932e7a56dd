/**
 * Turns what someone typed into comparable words: lower case, one kind of apostrophe,
 * no possessive "'s", and "s.20" / "sec 20" written as "section 20".
 */
const SECTION = /\b(?:s|sec|sect|section)\s?\.?\s?(\d{1,3})\b/g;

export function tokenise(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(SECTION, ' section $1 ')
      .replace(/'s\b/g, '')
      .replace(/'/g, '')
      .match(/[a-z0-9&]+/g) ?? []
  );
}
