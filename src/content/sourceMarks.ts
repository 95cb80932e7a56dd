/**
 * Source marks: content editors end each factual sentence with Markdown-footnote-style marks
 * naming the article's sources, `You can take your child home at any time.[^ca1989-s20]`.
 * Readers never see them; tests use them to check every claim is traced to a source.
 */

/** Any `[^...]` mark, well formed or not, so a mistyped key is never shown to a reader. */
const ANY_MARK = /\[\^([^\]\n]*)\]/g;
const MARKS_WITH_SPACE = /[ \t]*(?:\[\^[^\]\n]*\])+/g;
/**
 * Where a sentence ends: . ! or ? (with any closing quote or bracket) followed by marks, or
 * marks followed by optional punctuation; then a space or the end of the line. A dot inside a web
 * address or "9.30am" is not followed by a space, so it does not end a sentence.
 */
const SENTENCE_END = /(?:[.!?]+["'\u201d\u2019)]*(?:\[\^[^\]\n]*\])*|(?:\[\^[^\]\n]*\])+[.!?]*["'\u201d\u2019)]*)(?=\s|$)/g;

/** The body sections whose every sentence states law or rights, so every one must carry a key. */
export const CLAIM_SECTIONS: readonly string[] = ['What this means', 'Your rights'];

export interface MarkedSentence {
  /** The heading of the body section the sentence is in. */
  section: string;
  /** The sentence as a reader sees it (Markdown kept, marks removed). */
  text: string;
  /** The source keys it carries, in order. */
  keys: string[];
}

/** The text without its source marks; a space written before a mark goes too. */
export function stripSourceMarks(text: string): string {
  return text.replace(MARKS_WITH_SPACE, '');
}

/** The keys of every mark in a piece of text. */
export function marksIn(text: string): string[] {
  return [...text.matchAll(ANY_MARK)].map((m) => m[1]);
}

/**
 * Every sentence of a Markdown body, with its section and keys. Each paragraph line and bullet
 * is split at sentence ends; a line ending in ":" leads into the bullets under it and is not a claim.
 */
export function markedSentences(body: string): MarkedSentence[] {
  const sentences: MarkedSentence[] = [];
  let section = '';
  for (const raw of body.split(/\r?\n/)) {
    const heading = /^#+\s+(.*)$/.exec(raw);
    if (heading) {
      section = stripSourceMarks(heading[1]).trim();
      continue;
    }
    const line = raw.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').trim();
    if (!line) continue;
    for (const piece of splitSentences(line)) {
      const text = stripSourceMarks(piece).trim();
      if (text && !text.endsWith(':')) sentences.push({ section, text, keys: marksIn(piece) });
    }
  }
  return sentences;
}

function splitSentences(line: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const end of line.matchAll(SENTENCE_END)) {
    const stop = (end.index ?? 0) + end[0].length;
    if (stop > start) pieces.push(line.slice(start, stop));
    start = stop;
  }
  pieces.push(line.slice(start));
  return pieces.map((p) => p.trim()).filter(Boolean);
}
