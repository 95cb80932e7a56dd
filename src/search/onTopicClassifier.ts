/**
 * Whether a message is about what the knowledge base covers at all, read straight from its meaning:
 * a logistic regression over the standardised embedding, trained on the training questions (on topic)
 * and the off-topic examples. The topic classifier's off-topic class competes with every article one
 * by one; this one weighs all articles together against off-topic, and its log-odds are one more
 * piece of evidence for the on-topic decision (calibration chooses whether to read it).
 */
import { z } from 'zod';
import { Embedding } from '../safety/sentenceEncoder';
import { floatsFromBase64, floatsToBase64 } from './classifierNumbers';

export const onTopicClassifierSchema = z
  .object({
    /** Float32 arrays in base64, one number per embedding dimension. */
    mean: z.string(),
    scale: z.string(),
    weights: z.string(),
    bias: z.number(),
  })
  .strict();
export type OnTopicClassifierData = z.infer<typeof onTopicClassifierSchema>;

/**
 * The penalty was picked among 1e-3, 1e-2 and 1e-1 by the training script's cross-validation on the
 * training files (off-topic let through at the on-topic threshold: 15.0%, 14.0%, 15.0%).
 */
const L2 = 1e-2;
const EPOCHS = 2000;
const RATE = 0.5;

export class OnTopicClassifier {
  constructor(
    private readonly mean: Float32Array,
    private readonly scale: Float32Array,
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  static fromData(data: OnTopicClassifierData): OnTopicClassifier {
    return new OnTopicClassifier(floatsFromBase64(data.mean), floatsFromBase64(data.scale), floatsFromBase64(data.weights), data.bias);
  }

  toData(): OnTopicClassifierData {
    return { mean: floatsToBase64(this.mean), scale: floatsToBase64(this.scale), weights: floatsToBase64(this.weights), bias: this.bias };
  }

  /** Log-odds that the message is on topic (unit-length input, as training saw). */
  logOdds(x: Embedding): number {
    let z = this.bias;
    for (let d = 0; d < x.length; d++) z += this.weights[d] * ((x[d] - this.mean[d]) / this.scale[d]);
    return z;
  }

  /** Full-batch gradient descent from zero weights: the same data always gives the same model. */
  static train(xs: readonly Embedding[], onTopic: readonly boolean[]): OnTopicClassifier {
    const dims = xs[0].length;
    const n = xs.length;
    const mean = new Float32Array(dims);
    const scale = new Float32Array(dims);
    for (const x of xs) for (let d = 0; d < dims; d++) mean[d] += x[d] / n;
    for (const x of xs) for (let d = 0; d < dims; d++) scale[d] += (x[d] - mean[d]) ** 2 / n;
    for (let d = 0; d < dims; d++) scale[d] = Math.sqrt(scale[d]) || 1;
    const rows = xs.map((x) => Float64Array.from(x, (v, d) => (v - mean[d]) / scale[d]));
    const weights = new Float64Array(dims);
    const gradient = new Float64Array(dims);
    let bias = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      gradient.fill(0);
      let biasGradient = 0;
      rows.forEach((row, i) => {
        let z = bias;
        for (let d = 0; d < dims; d++) z += weights[d] * row[d];
        const error = 1 / (1 + Math.exp(-z)) - (onTopic[i] ? 1 : 0);
        for (let d = 0; d < dims; d++) gradient[d] += error * row[d];
        biasGradient += error;
      });
      for (let d = 0; d < dims; d++) weights[d] -= RATE * (gradient[d] / n + L2 * weights[d]);
      bias -= (RATE * biasGradient) / n;
    }
    return new OnTopicClassifier(mean, scale, Float32Array.from(weights), bias);
  }
}
