/**
 * The labelled question corpus in knowledge/search/: questions families ask with the articles that
 * answer them (best first), and messages the knowledge base cannot answer (off-topic, other countries'
 * law). Training files feed search; the held-out files are only ever measured.
 * scripts/split-search-corpus.mjs decides which side each message is on, by a hash of its text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';

export const SEARCH_CORPUS_DIR = join(KNOWLEDGE_DIR, 'search');

export interface LabelledQuestion {
  text: string;
  /** Articles that answer it, best first; empty when nothing in the knowledge base does, or when it is vague. */
  ids: string[];
  /** About the topics, but no one article is the answer. */
  vague?: boolean;
}

const lineSchema = z
  .object({ text: z.string().trim().min(1), id: z.string().min(1).optional(), ids: z.array(z.string().min(1)).min(1).optional(), vague: z.literal(true).optional() })
  .strict();

export function readLabelledQuestions(file: string): LabelledQuestion[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (!line.trim()) return [];
      const parsed = lineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${describeZodError(parsed.error)}`);
      const { text, id, ids, vague } = parsed.data;
      return [{ text, ids: ids ?? (id ? [id] : []), ...(vague && { vague }) }];
    });
}

export interface QuestionCorpus {
  questions: LabelledQuestion[];
  offTopic: LabelledQuestion[];
  /** On topic, but no one article is the answer (their ids are empty). */
  vague: LabelledQuestion[];
}

/** The training side, which search learns from. */
export function loadTrainingCorpus(dir = SEARCH_CORPUS_DIR): QuestionCorpus {
  return { questions: readLabelledQuestions(join(dir, 'questions.jsonl')), offTopic: readLabelledQuestions(join(dir, 'off-topic.jsonl')), vague: readLabelledQuestions(join(dir, 'vague.jsonl')) };
}

export function loadHeldOutCorpus(dir = SEARCH_CORPUS_DIR): QuestionCorpus {
  return { questions: readLabelledQuestions(join(dir, 'questions-heldout.jsonl')), offTopic: readLabelledQuestions(join(dir, 'off-topic-heldout.jsonl')), vague: readLabelledQuestions(join(dir, 'vague-heldout.jsonl')) };
}
