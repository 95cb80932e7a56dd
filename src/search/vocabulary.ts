/** Loads knowledge/vocabulary.yaml: text-speak and everyday words mapped to the knowledge base's words. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';

const wordMap = z.record(z.string().min(1), z.string().min(1));

export const vocabularySchema = z.object({ textspeak: wordMap, synonyms: wordMap }).strict();
export type Vocabulary = z.infer<typeof vocabularySchema>;

export function loadVocabulary(file = join(KNOWLEDGE_DIR, 'vocabulary.yaml')): Vocabulary {
  const parsed = vocabularySchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
