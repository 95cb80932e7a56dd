/**
 * The text a reader actually sees, from our small Markdown subset: headings, paragraphs,
 * "- " bullets, **bold** and [links](url). Used for readability checks and for channels
 * that show plain text (SMS). Source marks (`[^key]`) are for editors and never shown.
 */
import { stripSourceMarks } from './sourceMarks';

const LINK = /\[([^\]]+)\]\(([^)]+)\)/g;
/** A bare web address is a link people tap, not words they read. */
const BARE_URL = /https?:\/\/\S+?(?=[.,;:!?)]*(?:\s|$))/g;

/** Plain text with each heading, bullet and paragraph ending as its own sentence. */
export function toReaderText(markdown: string): string {
  return stripSourceMarks(markdown)
    .split(/\r?\n/)
    .map((line) => line.replace(/^#+\s*/, '').replace(/^\s*[-*]\s+/, '').replace(/^\s*\d+\.\s+/, ''))
    .map((line) => stripInline(line).trim())
    .filter(Boolean)
    .map((line) => (/[.!?:]$/.test(line) ? line : `${line}.`))
    .join(' ');
}

function stripInline(text: string): string {
  return text.replace(LINK, '$1').replace(BARE_URL, 'link').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/_([^_]+)_/g, '$1');
}

/** Plain text for channels without Markdown: links become "text (url)", bullets keep a dash. */
export function toPlainMessage(markdown: string): string {
  return stripSourceMarks(markdown)
    .replace(LINK, (_m, text: string, url: string) => (text === url ? url : `${text} (${url})`))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^#+\s*/gm, '');
}
