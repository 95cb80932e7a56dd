/** Splits a Markdown file into its YAML front matter and its body. */
import { parse } from 'yaml';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export interface SplitDocument {
  data: unknown;
  body: string;
}

export function splitFrontMatter(text: string, file: string): SplitDocument {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!match) throw new Error(`${file}: no front matter (the file must start with a '---' block)`);
  return { data: parse(match[1]), body: match[2].trim() };
}
