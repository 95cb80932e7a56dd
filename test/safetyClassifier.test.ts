/**
 * The safety classifier's training and its model file, on small made-up features: training is
 * the same every run, it learns what it is shown, and the model file is checked when it is read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEXICAL_SLOTS } from '../src/safety/lexicalFeatures';
import { SafetyClassifier } from '../src/safety/safetyClassifier';
import { Features, mlpProbability, trainMlp } from '../src/safety/training';

const options = { hidden: 4, epochs: 150, learningRate: 0.02, l2: 1e-4, seed: 9 };

/** Danger when the first two numbers agree in sign: a pattern no single linear weight can learn. */
function example(n: number): { x: Features; y: number } {
  const a = n % 2 ? 1 : -1;
  const b = n % 3 ? 1 : -1;
  const embedding = new Float32Array(512);
  embedding[0] = a;
  embedding[1] = b;
  embedding[2 + (n % 7)] = 0.3;
  return { x: { embedding, lexical: Int32Array.of(n % 5) }, y: a === b ? 1 : 0 };
}

const examples = Array.from({ length: 60 }, (_, n) => example(n));
const xs = examples.map((e) => e.x);
const ys = examples.map((e) => e.y);
const weights = ys.map(() => 1);

describe('training the small network', () => {
  it('gives the same weights every run', () => {
    const first = trainMlp(xs, ys, weights, options);
    const second = trainMlp(xs, ys, weights, options);
    expect(second.inputWeights).toEqual(first.inputWeights);
    expect(second.outputWeights).toEqual(first.outputWeights);
  });

  it('learns a pattern that needs its hidden layer', () => {
    const model = trainMlp(xs, ys, weights, options);
    const right = examples.filter((e) => (mlpProbability(model, e.x) >= 0.5 ? 1 : 0) === e.y).length;
    expect(right / examples.length).toBeGreaterThan(0.95);
  });
});

describe('the model file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'safety-model-'));
  const model = trainMlp(xs, ys, weights, options);
  const data = {
    kind: 'mlp',
    encoder: 'universal-sentence-encoder-lite',
    weights: [...model.weights],
    lexical: [...model.lexical],
    bias: model.bias,
    hidden: model.hidden,
    inputWeights: [...model.inputWeights],
    lexicalHidden: [...model.lexicalHidden],
    hiddenBias: [...model.hiddenBias],
    outputWeights: [...model.outputWeights],
    trainedOn: { file: 'made up', danger: 1, nearMiss: 1, questions: 0 },
    crossValidation: {},
  };

  it('gives the same probabilities as the network it was written from', () => {
    const file = join(folder, 'good.json');
    writeFileSync(file, JSON.stringify(data));
    const classifier = SafetyClassifier.load(file);
    for (const e of examples.slice(0, 10)) expect(classifier.probability(e.x)).toBeCloseTo(mlpProbability(model, e.x), 5);
  });

  it('is refused, naming the field, when a layer has the wrong size', () => {
    const file = join(folder, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...data, lexicalHidden: data.lexicalHidden.slice(0, LEXICAL_SLOTS) }));
    expect(() => SafetyClassifier.load(file)).toThrow(/lexicalHidden/);
  });
});
