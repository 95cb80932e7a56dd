/** Text reduced to plain lower-case words, for comparing what someone typed with a list of phrases. */
export function plainWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
