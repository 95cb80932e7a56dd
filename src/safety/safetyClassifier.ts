/**
 * The trained safety classifier: logistic regression over a window's sentence embedding and word
 * slots, read from models/safety.json (written by `npm run train:safety`). It turns one window
 * into the probability that it tells of danger now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { PROJECT_ROOT } from '../paths';
import { LEXICAL_SLOTS } from './lexicalFeatures';
import { Features, LinearModel, linearProbability } from './training';

export const SAFETY_MODEL_FILE = join(PROJECT_ROOT, 'models', 'safety.json');

export const safetyModelSchema = z.object({
  kind: z.literal('logistic-regression'),
  encoder: z.literal('universal-sentence-encoder-lite'),
  weights: z.array(z.number()).length(512),
  lexical: z.array(z.number()).length(LEXICAL_SLOTS),
  bias: z.number(),
  trainedOn: z.object({ file: z.string(), danger: z.number().int(), nearMiss: z.number().int(), questions: z.number().int() }),
  crossValidation: z.record(z.string(), z.number()),
});

export type SafetyModelData = z.infer<typeof safetyModelSchema>;

export class SafetyClassifier {
  private readonly model: LinearModel;

  constructor(data: SafetyModelData) {
    this.model = { weights: Float32Array.from(data.weights), lexical: Float32Array.from(data.lexical), bias: data.bias };
  }

  static load(file = SAFETY_MODEL_FILE): SafetyClassifier {
    const parsed = safetyModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new SafetyClassifier(parsed.data);
  }

  probability(window: Features): number {
    return linearProbability(this.model, window);
  }
}
