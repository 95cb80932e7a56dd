/**
 * The trained safety classifier, read from models/safety.json (written by `npm run train:safety`):
 * logistic regression, or the same with a small hidden layer beside it (training.ts, MlpModel),
 * over a window's sentence embedding and word slots. It turns one window into the probability
 * that it tells of danger now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { PROJECT_ROOT } from '../paths';
import { LEXICAL_SLOTS } from './lexicalFeatures';
import { Features, linearProbability, mlpProbability } from './training';

export const SAFETY_MODEL_FILE = join(PROJECT_ROOT, 'models', 'safety.json');

const EMBEDDING_SIZE = 512;

const common = {
  encoder: z.literal('universal-sentence-encoder-lite'),
  weights: z.array(z.number()).length(EMBEDDING_SIZE),
  lexical: z.array(z.number()).length(LEXICAL_SLOTS),
  bias: z.number(),
  trainedOn: z.object({ file: z.string(), danger: z.number().int(), nearMiss: z.number().int(), questions: z.number().int() }),
  crossValidation: z.record(z.string(), z.number()),
};

const logisticSchema = z.object({ kind: z.literal('logistic-regression'), ...common });

const mlpSchema = z
  .object({
    kind: z.literal('mlp'),
    ...common,
    hidden: z.number().int().positive(),
    inputWeights: z.array(z.number()),
    lexicalHidden: z.array(z.number()),
    hiddenBias: z.array(z.number()),
    outputWeights: z.array(z.number()),
  })
  .superRefine((m, ctx) => {
    const sizes = { inputWeights: m.hidden * EMBEDDING_SIZE, lexicalHidden: m.hidden * LEXICAL_SLOTS, hiddenBias: m.hidden, outputWeights: m.hidden };
    for (const [field, size] of Object.entries(sizes)) {
      const actual = (m[field as keyof typeof sizes] as number[]).length;
      if (actual !== size) ctx.addIssue({ code: 'custom', path: [field], message: `must have ${size} numbers (hidden × inputs), not ${actual}` });
    }
  });

export const safetyModelSchema = z.discriminatedUnion('kind', [logisticSchema, mlpSchema]);

export type SafetyModelData = z.infer<typeof safetyModelSchema>;

export class SafetyClassifier {
  readonly probability: (window: Features) => number;

  constructor(data: SafetyModelData) {
    const linear = { weights: Float32Array.from(data.weights), lexical: Float32Array.from(data.lexical), bias: data.bias };
    if (data.kind === 'logistic-regression') {
      this.probability = (window) => linearProbability(linear, window);
      return;
    }
    const network = {
      ...linear,
      hidden: data.hidden,
      inputWeights: Float32Array.from(data.inputWeights),
      lexicalHidden: Float32Array.from(data.lexicalHidden),
      hiddenBias: Float32Array.from(data.hiddenBias),
      outputWeights: Float32Array.from(data.outputWeights),
    };
    const activations = new Float32Array(data.hidden);
    this.probability = (window) => mlpProbability(network, window, activations);
  }

  static load(file = SAFETY_MODEL_FILE): SafetyClassifier {
    const parsed = safetyModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new SafetyClassifier(parsed.data);
  }
}
