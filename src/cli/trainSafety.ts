/**
 * `npm run train:safety`: trains the safety classifier on knowledge/safety/train.jsonl and writes
 * models/safety.json. Deterministic: the same corpus gives the same weights. It prints
 * cross-validated figures for logistic regression and, for comparison, nearest neighbours, at the
 * configured thresholds and over a grid of them. `--evaluate FILE` (repeatable) prints the
 * figures on other labelled files, as totals only, never message by message.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { SafetyDetector } from '../language/safetyDetector';
import { KNOWLEDGE_DIR, PROJECT_ROOT } from '../paths';
import { loadVocabulary } from '../search/vocabulary';
import { LabelledMessage, readLabelled } from '../safety/labelledMessages';
import { SAFETY_MODEL_FILE, SafetyModelData } from '../safety/safetyClassifier';
import { cleanMessage, modelWords, windows } from '../safety/safetyText';
import { Embedding, UniversalSentenceEncoder } from '../safety/sentenceEncoder';
import { folds, LinearModel, linearProbability, nearestNeighbours, tierRates, trainLogistic } from '../safety/training';
import { runCommand } from './args';

const SEED = 9;
const FOLDS = 5;
const NEIGHBOURS = 5;

interface Item {
  danger: boolean;
  /** The rules fired: the hybrid gives danger whatever the model says. */
  rules: boolean;
  windows: Embedding[];
}

interface Fitted {
  model: LinearModel;
  xs: Embedding[];
  ys: number[];
}

runCommand(async () => {
  const argv = process.argv.slice(2);
  const trainFile = valueOf(argv, '--train') ?? join(KNOWLEDGE_DIR, 'safety', 'train.jsonl');
  const evaluate = argv.flatMap((a, i) => (argv[i - 1] === '--evaluate' ? [a] : []));
  const config = loadConfig({});
  const thresholds = { danger: config.SAFETY_DANGER_THRESHOLD, check: config.SAFETY_CHECK_THRESHOLD };
  const rules = new SafetyDetector(loadVocabulary().textspeak);
  const encoder = await UniversalSentenceEncoder.load();
  const prepare = async (messages: LabelledMessage[]): Promise<Item[]> => {
    const items: Item[] = [];
    for (const m of messages) {
      const cleaned = cleanMessage(m.text);
      items.push({ danger: m.danger, rules: rules.check(cleaned).crisis, windows: await encoder.embed(windows(modelWords(cleaned))) });
    }
    return items;
  };

  const items = await prepare(readLabelled(trainFile));
  const labels = items.map((i) => i.danger);
  const fold = folds(items.length, FOLDS, SEED);
  const lrScores = new Array<number>(items.length);
  const knnScores = new Array<number>(items.length);
  for (let f = 0; f < FOLDS; f++) {
    const fitted = fit(items.filter((_, i) => fold[i] !== f));
    const knn = nearestNeighbours(fitted.xs, fitted.ys, NEIGHBOURS);
    items.forEach((item, i) => {
      if (fold[i] !== f) return;
      lrScores[i] = maxOver(item.windows, (e) => linearProbability(fitted.model, e));
      knnScores[i] = maxOver(item.windows, knn);
    });
  }
  const hybrid = (scores: number[]) => scores.map((s, i) => (items[i].rules ? 1 : s));
  const report = (name: string, scores: number[]) => console.log(`${name.padEnd(34)} ${formatRates(tierRates(scores, labels, thresholds))}`);
  console.log(`train ${trainFile}: ${labels.filter(Boolean).length} danger, ${labels.filter((l) => !l).length} near misses; ${FOLDS}-fold cross-validation, thresholds danger ${thresholds.danger} check ${thresholds.check}`);
  report('rules alone', items.map((i) => (i.rules ? 1 : 0)));
  report('logistic regression', lrScores);
  report('rules + logistic regression', hybrid(lrScores));
  report(`${NEIGHBOURS} nearest neighbours`, knnScores);
  report(`rules + ${NEIGHBOURS} nearest neighbours`, hybrid(knnScores));
  console.log('rules + logistic regression over a grid of thresholds (danger / check):');
  for (const danger of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
    for (const check of [0.05, 0.1, 0.2, 0.3, 0.4].filter((c) => c < danger)) console.log(`  ${danger} / ${check}  ${formatRates(tierRates(hybrid(lrScores), labels, { danger, check }))}`);
  }

  const final = fit(items);
  const cv = tierRates(hybrid(lrScores), labels, thresholds);
  const data: SafetyModelData = {
    kind: 'logistic-regression',
    encoder: 'universal-sentence-encoder-lite',
    weights: [...final.model.weights].map((w) => Number(w.toPrecision(6))),
    bias: Number(final.model.bias.toPrecision(6)),
    trainedOn: { file: trainFile.replace(`${PROJECT_ROOT}/`, ''), danger: labels.filter(Boolean).length, nearMiss: labels.filter((l) => !l).length },
    crossValidation: { ...cv, dangerThreshold: thresholds.danger, checkThreshold: thresholds.check },
  };
  writeFileSync(SAFETY_MODEL_FILE, `${JSON.stringify(data)}\n`);
  console.log(`wrote ${SAFETY_MODEL_FILE}`);

  for (const file of evaluate) {
    const others = await prepare(readLabelled(file));
    const scores = others.map((i) => (i.rules ? 1 : maxOver(i.windows, (e) => linearProbability(final.model, e))));
    console.log(`${file}: ${formatRates(tierRates(scores, others.map((i) => i.danger), thresholds))}`);
  }
});

/**
 * Trains in two passes, because a long danger story is danger only somewhere in it: first on
 * near-miss windows and one-window messages, then adding, for each longer danger message, the
 * window that first model finds most worrying.
 */
function fit(items: Item[]): Fitted {
  const xs: Embedding[] = [];
  const ys: number[] = [];
  for (const item of items) {
    if (!item.danger) item.windows.forEach((w) => (xs.push(w), ys.push(0)));
    else if (item.windows.length === 1) (xs.push(item.windows[0]), ys.push(1));
  }
  const first = trainLogistic(xs, ys);
  for (const item of items) {
    if (!item.danger || item.windows.length === 1) continue;
    xs.push(item.windows.reduce((best, w) => (linearProbability(first, w) > linearProbability(first, best) ? w : best)));
    ys.push(1);
  }
  return { model: trainLogistic(xs, ys), xs, ys };
}

function maxOver(embeddings: Embedding[], score: (e: Embedding) => number): number {
  return Math.max(0, ...embeddings.map(score));
}

function valueOf(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function formatRates(r: ReturnType<typeof tierRates>): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  return `danger caught ${pct(r.dangerCaught)}  danger or check ${pct(r.dangerOrCheck)}  | near misses: danger ${pct(r.nearMissDanger)}  flagged ${pct(r.nearMissFlagged)}`;
}
