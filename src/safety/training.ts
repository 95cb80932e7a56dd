/**
 * Training and measuring the safety classifier, without randomness that is not seeded: logistic
 * regression by full-batch gradient descent, nearest neighbours for comparison, cross-validation
 * folds, and the rates the targets are written in.
 */
import { Embedding } from './sentenceEncoder';

export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

export interface TrainOptions {
  /** L2 penalty on the weights: larger keeps the model simpler. */
  l2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 1e-3, epochs: 600, learningRate: 2 };

export function linearProbability(model: LinearModel, x: Embedding): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression, both classes weighted equally whatever their counts, with momentum. */
export function trainLogistic(xs: readonly Embedding[], ys: readonly number[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): LinearModel {
  const dims = xs[0].length;
  const positives = ys.filter((y) => y === 1).length;
  const classWeight = [xs.length / (2 * (xs.length - positives)), xs.length / (2 * positives)];
  const model: LinearModel = { weights: new Float32Array(dims), bias: 0 };
  const velocity = new Float32Array(dims + 1);
  const gradient = new Float32Array(dims + 1);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    xs.forEach((x, n) => {
      const error = (linearProbability(model, x) - ys[n]) * classWeight[ys[n]];
      for (let i = 0; i < dims; i++) gradient[i] += error * x[i];
      gradient[dims] += error;
    });
    for (let i = 0; i <= dims; i++) {
      const penalty = i < dims ? options.l2 * model.weights[i] : 0;
      velocity[i] = 0.9 * velocity[i] - options.learningRate * (gradient[i] / xs.length + penalty);
      if (i < dims) model.weights[i] += velocity[i];
      else model.bias += velocity[i];
    }
  }
  return model;
}

/** Distance-weighted vote of the k nearest labelled embeddings (cosine), as a probability. */
export function nearestNeighbours(xs: readonly Embedding[], ys: readonly number[], k: number): (x: Embedding) => number {
  return (x) => {
    const sims = xs.map((y, n) => ({ sim: cosine(x, y), label: ys[n] })).sort((a, b) => b.sim - a.sim).slice(0, k);
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

/** A seeded shuffle into k folds (mulberry32), so cross-validation is the same every run. */
export function folds(count: number, k: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

export function tierRates(scores: readonly number[], danger: readonly boolean[], thresholds: { danger: number; check: number }): TierRates {
  const rate = (want: boolean, cut: number) => {
    const group = scores.filter((_, i) => danger[i] === want);
    return group.length ? group.filter((s) => s >= cut).length / group.length : 0;
  };
  return {
    dangerCaught: rate(true, thresholds.danger),
    dangerOrCheck: rate(true, thresholds.check),
    nearMissDanger: rate(false, thresholds.danger),
    nearMissFlagged: rate(false, thresholds.check),
  };
}
