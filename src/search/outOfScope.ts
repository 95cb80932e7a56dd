/** Loads knowledge/search/out-of-scope.yaml and tells whether a message names a place outside England. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { SEARCH_CORPUS_DIR } from './questionCorpus';
import { tokenise } from './tokenise';

const schema = z.object({ places: z.array(z.string().min(2)).min(1) }).strict();

export class OutOfScope {
  private readonly places: string[];

  constructor(places: readonly string[]) {
    this.places = places.map((p) => ` ${tokenise(p).join(' ')} `);
  }

  static load(file = join(SEARCH_CORPUS_DIR, 'out-of-scope.yaml')): OutOfScope {
    const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new OutOfScope(parsed.data.places);
  }

  elsewhere(text: string): boolean {
    const words = ` ${tokenise(text).join(' ')} `;
    return this.places.some((p) => words.includes(p));
  }
}
