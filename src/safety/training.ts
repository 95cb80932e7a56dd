/**
 * Training and measuring the safety classifier, without randomness that is not seeded: logistic
 * regression by full-batch gradient descent over an embedding and word slots, nearest neighbours
 * for comparison, cross-validation folds, and the rates the targets are written in.
 */
import { SafetyTier } from '../language/safetyAssessment';
import { LEXICAL_SLOTS } from './lexicalFeatures';
import { Embedding } from './sentenceEncoder';

/** What the classifier reads of one window. */
export interface Features {
  embedding: Embedding;
  /** Word slots that are on (see lexicalFeatures). */
  lexical: Int32Array;
}

export interface LinearModel {
  weights: Float32Array;
  lexical: Float32Array;
  bias: number;
}

export interface TrainOptions {
  /** L2 penalty on the embedding weights: larger keeps the model simpler. */
  l2: number;
  /** L2 penalty on the word weights, kept apart since there are many more of them. */
  lexicalL2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 1e-4, lexicalL2: 1e-3, epochs: 900, learningRate: 2 };

export function linearProbability(model: LinearModel, x: Features): number {
  let z = model.bias;
  for (let i = 0; i < x.embedding.length; i++) z += model.weights[i] * x.embedding[i];
  for (const s of x.lexical) z += model.lexical[s];
  return 1 / (1 + Math.exp(-z));
}

/** Weights that give both classes the same total, whatever their counts. */
export function balancedWeights(ys: readonly number[]): number[] {
  const positives = ys.filter((y) => y === 1).length;
  return ys.map((y) => ys.length / (2 * (y === 1 ? positives : ys.length - positives)));
}

/** Logistic regression by full-batch gradient descent with momentum; each example counts by its weight. */
export function trainLogistic(
  xs: readonly Features[],
  ys: readonly number[],
  sampleWeights: readonly number[] = balancedWeights(ys),
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LinearModel {
  const dims = xs[0].embedding.length;
  const model: LinearModel = { weights: new Float32Array(dims), lexical: new Float32Array(LEXICAL_SLOTS), bias: 0 };
  const all = dims + LEXICAL_SLOTS + 1;
  const velocity = new Float32Array(all);
  const gradient = new Float32Array(all);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    xs.forEach((x, n) => {
      const error = (linearProbability(model, x) - ys[n]) * sampleWeights[n];
      for (let i = 0; i < dims; i++) gradient[i] += error * x.embedding[i];
      for (const s of x.lexical) gradient[dims + s] += error;
      gradient[all - 1] += error;
    });
    for (let i = 0; i < all; i++) {
      const value = i < dims ? model.weights[i] : i < all - 1 ? model.lexical[i - dims] : model.bias;
      const penalty = i < dims ? options.l2 * value : i < all - 1 ? options.lexicalL2 * value : 0;
      velocity[i] = 0.9 * velocity[i] - options.learningRate * (gradient[i] / xs.length + penalty);
      if (i < dims) model.weights[i] += velocity[i];
      else if (i < all - 1) model.lexical[i - dims] += velocity[i];
      else model.bias += velocity[i];
    }
  }
  return model;
}

/** Distance-weighted vote of the k nearest labelled embeddings (cosine), as a probability. */
export function nearestNeighbours(xs: readonly Features[], ys: readonly number[], k: number): (x: Features) => number {
  return (x) => {
    const sims = xs.map((y, n) => ({ sim: cosine(x.embedding, y.embedding), label: ys[n] })).sort((a, b) => b.sim - a.sim).slice(0, k);
    const total = sims.reduce((s, n) => s + Math.max(n.sim, 0), 0);
    return total ? sims.reduce((s, n) => s + Math.max(n.sim, 0) * n.label, 0) / total : 0;
  };
}

function cosine(a: Embedding, b: Embedding): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb || 1);
}

/** mulberry32: numbers in [0, 1) that are the same every run for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded shuffle into k folds, so cross-validation is the same every run. */
export function folds(count: number, k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(count);
  order.forEach((item, position) => (fold[item] = position % k));
  return fold;
}

export interface TierRates {
  /** Danger-now messages given danger. */
  dangerCaught: number;
  /** Danger-now messages given danger or check. */
  dangerOrCheck: number;
  /** Near misses given danger. */
  nearMissDanger: number;
  /** Near misses given danger or check. */
  nearMissFlagged: number;
}

export function tierRates(tiers: readonly SafetyTier[], danger: readonly boolean[]): TierRates {
  const rate = (want: boolean, accept: SafetyTier[]) => {
    const group = tiers.filter((_, i) => danger[i] === want);
    return group.length ? group.filter((t) => accept.includes(t)).length / group.length : 0;
  };
  return {
    dangerCaught: rate(true, ['danger']),
    dangerOrCheck: rate(true, ['danger', 'check']),
    nearMissDanger: rate(false, ['danger']),
    nearMissFlagged: rate(false, ['danger', 'check']),
  };
}

/**
 * A small two-layer network beside the linear part ("wide and deep"): the linear weights read the
 * embedding and word slots as logistic regression does, and a few hidden units read both too, so
 * the model can learn that the same words mean something else with "last year" or "now".
 */
export interface MlpModel extends LinearModel {
  hidden: number;
  /** Hidden-unit weights on the embedding, row by row: unit h's weights at h * dims. */
  inputWeights: Float32Array;
  /** Hidden-unit weights on the word slots: slot s's weights at s * hidden. */
  lexicalHidden: Float32Array;
  hiddenBias: Float32Array;
  outputWeights: Float32Array;
}

export interface MlpOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty on every weight (bias aside). */
  l2: number;
  seed: number;
}

export const DEFAULT_MLP_OPTIONS: MlpOptions = { hidden: 8, epochs: 250, learningRate: 0.01, l2: 1e-4, seed: 9 };

/** `activations` is scratch space for the hidden units, passed in so scoring allocates nothing. */
export function mlpProbability(model: MlpModel, x: Features, activations = new Float32Array(model.hidden)): number {
  return 1 / (1 + Math.exp(-mlpForward(model, x, activations)));
}

/** The logit, leaving each hidden unit's output (after ReLU) in `activations`. */
function mlpForward(model: MlpModel, x: Features, activations: Float32Array): number {
  const dims = x.embedding.length;
  let z = model.bias;
  for (let i = 0; i < dims; i++) z += model.weights[i] * x.embedding[i];
  for (const s of x.lexical) z += model.lexical[s];
  for (let h = 0; h < model.hidden; h++) {
    let a = model.hiddenBias[h];
    const row = h * dims;
    for (let i = 0; i < dims; i++) a += model.inputWeights[row + i] * x.embedding[i];
    for (const s of x.lexical) a += model.lexicalHidden[s * model.hidden + h];
    activations[h] = a > 0 ? a : 0;
    z += model.outputWeights[h] * activations[h];
  }
  return z;
}

/** Full-batch Adam from a seeded start, so the same data give the same network. */
export function trainMlp(
  xs: readonly Features[],
  ys: readonly number[],
  sampleWeights: readonly number[],
  options: MlpOptions = DEFAULT_MLP_OPTIONS,
): MlpModel {
  const dims = xs[0].embedding.length;
  const H = options.hidden;
  const random = seededRandom(options.seed);
  const init = (n: number, scale: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  const model: MlpModel = {
    weights: new Float32Array(dims),
    lexical: new Float32Array(LEXICAL_SLOTS),
    bias: 0,
    hidden: H,
    inputWeights: init(H * dims, Math.sqrt(6 / dims)),
    lexicalHidden: init(LEXICAL_SLOTS * H, 0.01),
    hiddenBias: new Float32Array(H),
    outputWeights: init(H, Math.sqrt(6 / H) / 4),
  };
  // Every parameter array with its gradient and Adam's two moments; the last (the bias) has no penalty.
  const bias = new Float32Array(1);
  const params = [model.weights, model.lexical, model.inputWeights, model.lexicalHidden, model.hiddenBias, model.outputWeights, bias];
  const grads = params.map((p) => new Float32Array(p.length));
  const m1 = params.map((p) => new Float32Array(p.length));
  const m2 = params.map((p) => new Float32Array(p.length));
  const [gW, gL, gI, gLH, gHB, gO, gB] = grads;
  const activations = new Float32Array(H);
  const total = sampleWeights.reduce((s, w) => s + w, 0);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    grads.forEach((g) => g.fill(0));
    model.bias = bias[0];
    xs.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-mlpForward(model, x, activations)));
      const error = ((p - ys[n]) * sampleWeights[n]) / total;
      for (let i = 0; i < dims; i++) gW[i] += error * x.embedding[i];
      for (const s of x.lexical) gL[s] += error;
      gB[0] += error;
      for (let h = 0; h < H; h++) {
        gO[h] += error * activations[h];
        if (activations[h] <= 0) continue;
        const back = error * model.outputWeights[h];
        const row = h * dims;
        for (let i = 0; i < dims; i++) gI[row + i] += back * x.embedding[i];
        for (const s of x.lexical) gLH[s * H + h] += back;
        gHB[h] += back;
      }
    });
    const correction1 = 1 - 0.9 ** epoch;
    const correction2 = 1 - 0.999 ** epoch;
    params.forEach((p, k) => {
      const penalty = k === params.length - 1 ? 0 : options.l2;
      for (let i = 0; i < p.length; i++) {
        const g = grads[k][i] + penalty * p[i];
        m1[k][i] = 0.9 * m1[k][i] + 0.1 * g;
        m2[k][i] = 0.999 * m2[k][i] + 0.001 * g * g;
        p[i] -= (options.learningRate * (m1[k][i] / correction1)) / (Math.sqrt(m2[k][i] / correction2) + 1e-8);
      }
    });
  }
  model.bias = bias[0];
  return model;
}
