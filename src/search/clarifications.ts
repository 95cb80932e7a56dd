/**
 * Loads knowledge/search/clarify.yaml: for each pair of articles families' questions are easily
 * confused between, one short question that tells them apart and a button label for each side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { SEARCH_CORPUS_DIR } from './questionCorpus';

const clarificationSchema = z
  .object({
    ids: z.tuple([z.string().min(1), z.string().min(1)]),
    question: z.string().min(5).max(120),
    /** Button labels, one per id in the same order; channels turn longer labels into a numbered list. */
    labels: z.tuple([z.string().min(2).max(20), z.string().min(2).max(20)]),
  })
  .strict();
const fileSchema = z.object({ pairs: z.array(clarificationSchema).min(1) }).strict();
export type Clarification = z.infer<typeof clarificationSchema>;

export interface ClarifyingChoice {
  question: string;
  options: { id: string; label: string }[];
}

export class Clarifications {
  constructor(readonly pairs: readonly Clarification[]) {}

  static load(file = join(SEARCH_CORPUS_DIR, 'clarify.yaml'), articleIds?: ReadonlySet<string>): Clarifications {
    const parsed = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    parsed.data.pairs.forEach((p, i) => {
      const unknown = p.ids.find((id) => articleIds && !articleIds.has(id));
      if (unknown) throw new Error(`${file}: pairs.${i}.ids: no article "${unknown}"`);
    });
    return new Clarifications(parsed.data.pairs);
  }

  /** The question for two articles in either order, with the options in the order search ranked them. */
  between(first: string, second: string): ClarifyingChoice | undefined {
    const pair = this.pairs.find((p) => (p.ids[0] === first && p.ids[1] === second) || (p.ids[0] === second && p.ids[1] === first));
    if (!pair) return undefined;
    const options = pair.ids.map((id, i) => ({ id, label: pair.labels[i] }));
    return { question: pair.question, options: options[0].id === first ? options : options.reverse() };
  }
}
