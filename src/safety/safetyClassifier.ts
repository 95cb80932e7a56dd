/**
 * The trained safety classifier: logistic regression over sentence embeddings, read from
 * models/safety.json (written by `npm run train:safety`). It turns one embedding into the
 * probability that the text tells of danger now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { PROJECT_ROOT } from '../paths';
import { Embedding } from './sentenceEncoder';

export const SAFETY_MODEL_FILE = join(PROJECT_ROOT, 'models', 'safety.json');

export const safetyModelSchema = z.object({
  kind: z.literal('logistic-regression'),
  encoder: z.literal('universal-sentence-encoder-lite'),
  weights: z.array(z.number()).length(512),
  bias: z.number(),
  trainedOn: z.object({ file: z.string(), danger: z.number().int(), nearMiss: z.number().int() }),
  crossValidation: z.record(z.string(), z.number()),
});

export type SafetyModelData = z.infer<typeof safetyModelSchema>;

export class SafetyClassifier {
  private readonly weights: Float32Array;

  constructor(private readonly data: SafetyModelData) {
    this.weights = Float32Array.from(data.weights);
  }

  static load(file = SAFETY_MODEL_FILE): SafetyClassifier {
    const parsed = safetyModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new SafetyClassifier(parsed.data);
  }

  probability(embedding: Embedding): number {
    let z = this.data.bias;
    for (let i = 0; i < this.weights.length; i++) z += this.weights[i] * embedding[i];
    return 1 / (1 + Math.exp(-z));
  }
}
