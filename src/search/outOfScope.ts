/**
 * Loads knowledge/search/out-of-scope.yaml and tells whether a message is about a place outside
 * England. A message that also names England ("we live in England, my sister is in Wales") is not:
 * kinship families often have relatives across a border.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { SEARCH_CORPUS_DIR } from './questionCorpus';
import { tokenise } from './tokenise';

const schema = z.object({ places: z.array(z.string().min(2)).min(1), england: z.array(z.string().min(2)).min(1) }).strict();

export class OutOfScope {
  private readonly places: string[];
  private readonly england: string[];

  constructor(places: readonly string[], england: readonly string[] = ['england']) {
    this.places = places.map(asWords);
    this.england = england.map(asWords);
  }

  static load(file = join(SEARCH_CORPUS_DIR, 'out-of-scope.yaml')): OutOfScope {
    const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new OutOfScope(parsed.data.places, parsed.data.england);
  }

  elsewhere(text: string): boolean {
    const words = asWords(text);
    return this.places.some((p) => words.includes(p)) && !this.england.some((p) => words.includes(p));
  }
}

/** A phrase as the message's words, spaced so that only whole words match. */
function asWords(phrase: string): string {
  return ` ${tokenise(phrase).join(' ')} `;
}
