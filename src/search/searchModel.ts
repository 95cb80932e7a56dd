/**
 * models/search-model.json, written by `npm run train:search`: the fusion chosen by cross-validation,
 * the two calibrated regressions with their thresholds (and the lower "likely" one), and what they were trained and measured on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { PROJECT_ROOT } from '../paths';
import { logisticSchema } from './calibration';
import { fusionSchema } from './fusion';
import { onTopicClassifierSchema } from './onTopicClassifier';
import { topicClassifierSchema } from './topicClassifier';
import { wordClassifierSchema } from './wordClassifier';

export const SEARCH_MODEL_FILE = join(PROJECT_ROOT, 'models', 'search-model.json');
/** Embeddings of the articles' texts and the training corpus (see EmbeddingStore). */
export const SEARCH_EMBEDDINGS_FILE = join(PROJECT_ROOT, 'models', 'search-embeddings.json');

export const searchModelSchema = z
  .object({
    fusion: fusionSchema,
    /** The topic classifier (articles and off-topic) whose probabilities the re-ranker and calibration read. */
    topics: topicClassifierSchema,
    /** The word classifier (articles and off-topic) whose probabilities the re-ranker may read. */
    words: wordClassifierSchema,
    /** Whether a message is on topic at all, from its embedding: one more piece of evidence for calibration. */
    onTopicClassifier: onTopicClassifierSchema,
    /** Probability that the top article is right; at or above `threshold` search is sure. */
    sure: z.object({ model: logisticSchema, threshold: z.number().min(0).max(1) }).strict(),
    /**
     * The same probability at or above `threshold` (and below sure's): likely right, so the bot answers
     * the first article and offers the next ones.
     */
    likely: z.object({ threshold: z.number().min(0).max(1) }).strict(),
    /** Probability that the knowledge base can answer at all; below `threshold` the answer is "none". */
    onTopic: z.object({ model: logisticSchema, threshold: z.number().min(0).max(1) }).strict(),
    /** Hash of the articles and training corpus the model was trained on (a test checks it is current). */
    trainedOn: z.object({ hash: z.string(), questions: z.number().int(), offTopic: z.number().int() }).strict(),
    crossValidation: z.record(z.string(), z.unknown()),
  })
  .strict();
export type SearchModel = z.infer<typeof searchModelSchema>;

export function loadSearchModel(file = SEARCH_MODEL_FILE): SearchModel {
  const parsed = searchModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
