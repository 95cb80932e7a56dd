/**
 * A softmax regression from a message's words to the article it is about (or to "off-topic", the last
 * class), trained on the same texts as the topic classifier. The sentence encoder reads meaning but
 * blurs the words that tell close topics apart ("lives with order", "PAMS", "my nan has had him since");
 * lunr knows those words only as the articles spell them. This learns which words, and pairs of words,
 * the training questions use for each article. Search reads its log-probabilities beside the others.
 */
import lunr from 'lunr';
import { z } from 'zod';
import { isStopWord } from '../language/stopWords';
import { floatsFromBase64, floatsToBase64, logSoftmax } from './classifierNumbers';
import { tokenise } from './tokenise';

export const wordClassifierSchema = z
  .object({
    classes: z.number().int().positive(),
    /** The words and word pairs the model knows, in the order of its weight rows. */
    features: z.array(z.string()),
    /** Float32 weights in base64, one row of `classes` numbers per feature. */
    weights: z.string(),
    bias: z.array(z.number()),
  })
  .strict();
export type WordClassifierData = z.infer<typeof wordClassifierSchema>;

/** Features seen fewer times than this in training are left out: one message's quirk teaches nothing. */
const MIN_COUNT = 2;
const EPOCHS = 300;
const RATE = 2;
const L2 = 1e-4;

const stem = (word: string): string => lunr.stemmer(new lunr.Token(word, {})).toString();

/** A message's features: the stems of its content words, and each pair of neighbouring stems. */
export function wordFeatures(text: string): string[] {
  const stems = tokenise(text).map(stem);
  const words = stems.filter((w) => !isStopWord(w));
  const pairs = stems.slice(1).map((w, i) => `${stems[i]} ${w}`);
  return [...new Set([...words, ...pairs])];
}

export class WordClassifier {
  private readonly index: Map<string, number>;

  constructor(
    private readonly features: readonly string[],
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  static fromData(data: WordClassifierData): WordClassifier {
    return new WordClassifier(data.features, floatsFromBase64(data.weights), Float32Array.from(data.bias), data.classes);
  }

  toData(): WordClassifierData {
    return { classes: this.classes, features: [...this.features], weights: floatsToBase64(this.weights), bias: Array.from(this.bias) };
  }

  /** Log-probability of each class for a message's text. */
  logProbabilities(text: string): Float32Array {
    return this.scoreRows(this.rows(text));
  }

  /** The weight rows a text's known features use; each counts 1/√n so long messages are not louder. */
  private rows(text: string): number[] {
    return wordFeatures(text).flatMap((f) => {
      const i = this.index.get(f);
      return i === undefined ? [] : [i];
    });
  }

  private scoreRows(rows: readonly number[]): Float32Array {
    const { classes, weights } = this;
    const z = Float32Array.from(this.bias);
    const share = rows.length ? 1 / Math.sqrt(rows.length) : 0;
    for (const r of rows) for (let c = 0, base = r * classes; c < classes; c++) z[c] += share * weights[base + c];
    return logSoftmax(z);
  }

  /** Full-batch gradient descent from zero weights: the same texts always give the same model. */
  static train(texts: readonly string[], labels: readonly number[], classes: number): WordClassifier {
    const counts = new Map<string, number>();
    for (const t of texts) for (const f of wordFeatures(t)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const features = [...counts].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f).sort();
    const model = new WordClassifier(features, new Float32Array(features.length * classes), new Float32Array(classes), classes);
    const rows = texts.map((t) => model.rows(t));
    const gW = new Float32Array(model.weights.length);
    const gb = new Float32Array(classes);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      gW.fill(0);
      gb.fill(0);
      rows.forEach((r, n) => {
        const p = model.scoreRows(r);
        const share = r.length ? 1 / Math.sqrt(r.length) : 0;
        for (let c = 0; c < classes; c++) {
          const g = Math.exp(p[c]) - (c === labels[n] ? 1 : 0);
          gb[c] += g;
          for (const row of r) gW[row * classes + c] += g * share;
        }
      });
      for (let k = 0; k < gW.length; k++) model.weights[k] -= RATE * (gW[k] / texts.length + L2 * model.weights[k]);
      for (let c = 0; c < classes; c++) model.bias[c] -= (RATE * gb[c]) / texts.length;
    }
    return model;
  }
}
