/**
 * A softmax regression from a message's embedding to the article it is about, or to one more class,
 * "off-topic", trained on every article's own texts, the training questions and the off-topic examples.
 * Where nearest neighbours see one close text, this weighs all of an article's examples at once;
 * search uses its log-probabilities beside the similarities and lunr's scores.
 */
import { z } from 'zod';
import { Embedding } from '../safety/sentenceEncoder';
import { floatsFromBase64, floatsToBase64, logSoftmax } from './classifierNumbers';

export const topicClassifierSchema = z.object({ classes: z.number().int().positive(), weights: z.string(), bias: z.array(z.number()) }).strict();
export type TopicClassifierData = z.infer<typeof topicClassifierSchema>;

export class TopicClassifier {
  constructor(
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
  ) {}

  static fromData(data: TopicClassifierData): TopicClassifier {
    return new TopicClassifier(floatsFromBase64(data.weights), Float32Array.from(data.bias), data.classes);
  }

  toData(): TopicClassifierData {
    return { classes: this.classes, weights: floatsToBase64(this.weights), bias: Array.from(this.bias) };
  }

  /** Log-probability of each article (unit-length input, as training saw). */
  logProbabilities(x: Embedding): Float32Array {
    const dims = x.length;
    const z = new Float32Array(this.classes);
    for (let c = 0; c < this.classes; c++) {
      let s = this.bias[c];
      for (let d = 0, base = c * dims; d < dims; d++) s += this.weights[base + d] * x[d];
      z[c] = s;
    }
    return logSoftmax(z);
  }

  /** Full-batch gradient descent from zero weights: the same data always gives the same model. */
  static train(xs: readonly Embedding[], ys: readonly number[], classes: number, epochs = 150, rate = 20, l2 = 1e-4): TopicClassifier {
    const dims = xs[0].length;
    const model = new TopicClassifier(new Float32Array(classes * dims), new Float32Array(classes), classes);
    const gW = new Float32Array(classes * dims);
    const gb = new Float32Array(classes);
    for (let epoch = 0; epoch < epochs; epoch++) {
      gW.fill(0);
      gb.fill(0);
      xs.forEach((x, n) => {
        const p = model.logProbabilities(x);
        for (let c = 0; c < classes; c++) {
          const g = Math.exp(p[c]) - (c === ys[n] ? 1 : 0);
          gb[c] += g;
          for (let d = 0, base = c * dims; d < dims; d++) gW[base + d] += g * x[d];
        }
      });
      for (let k = 0; k < gW.length; k++) model.weights[k] -= rate * (gW[k] / xs.length + l2 * model.weights[k]);
      for (let c = 0; c < classes; c++) model.bias[c] -= (rate * gb[c]) / xs.length;
    }
    return model;
  }
}
