/**
 * `npm run train:safety`: trains the safety classifier on knowledge/safety/train.jsonl, with the
 * articles' example questions and knowledge/ordinary/chat.jsonl as ordinary messages that are no
 * danger, and writes
 * models/safety.json. Deterministic: the same corpus gives the same weights. It prints
 * cross-validated figures for the choices measured (model vetoes on the rules at several levels,
 * with and without the questions, nearest neighbours instead of logistic regression) at the
 * configured thresholds and over a grid of them. `--evaluate FILE` (repeatable) prints the figures
 * on other labelled files, as totals only, never message by message. `--l2`, `--lexical-l2` and
 * `--epochs` try other training settings.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { SafetyTier } from '../language/safetyAssessment';
import { loadKnowledgeBase } from '../content/knowledgeBase';
import { SafetyDetector } from '../language/safetyDetector';
import { KNOWLEDGE_DIR, PROJECT_ROOT } from '../paths';
import { loadTrainingCorpus } from '../search/questionCorpus';
import { loadVocabulary } from '../search/vocabulary';
import { LabelledMessage, readLabelled, readOrdinary } from '../safety/labelledMessages';
import { SAFETY_MODEL_FILE, safetyModelSchema } from '../safety/safetyClassifier';
import { SafetyFeatures } from '../safety/safetyFeatures';
import { cleanMessage } from '../safety/safetyText';
import { SafetyThresholds, tierOf } from '../safety/safetyTiers';
import { dangerTail } from '../safety/dangerTail';
import { FileCachedEncoder } from '../safety/fileCachedEncoder';
import { HybridSafetyAssessor } from '../safety/hybridSafetyAssessor';
import { UniversalSentenceEncoder } from '../safety/sentenceEncoder';
import {
  DEFAULT_MLP_OPTIONS, DEFAULT_TRAIN_OPTIONS, Features, folds, LinearModel, linearProbability, MlpModel, MlpOptions, mlpProbability, nearestNeighbours,
  tierRates, TrainOptions, trainLogistic, trainMlp,
} from '../safety/training';
import { runCommand } from './args';

const SEED = 9;
type ModelKind = 'logistic-regression' | 'mlp';
/** The classifier written to models/safety.json (`--model` tries the other). */
const CHOSEN_MODEL: ModelKind = 'logistic-regression';
const FOLDS = 5;
const NEIGHBOURS = 5;
/** The share of the no-danger side's weight given to ordinary messages (the rest to near misses; `--ordinary-share` tries others). */
const ORDINARY_SHARE = 0.4;
/** Articles whose example questions tell of danger now or abuse going on: not ordinary questions. */
const DANGER_ARTICLES = new Set(['help-emergency', 'help-domestic-abuse']);
/** Embeddings kept between runs (data/ is not committed), so re-training embeds only new messages. */
const EMBEDDING_CACHE = join(PROJECT_ROOT, 'data', 'safety-embeddings.json');

interface Item {
  danger: boolean;
  kind?: string;
  /** The rules fired. */
  rules: boolean;
  windows: Features[];
  /** When the rules fired after the first sentence: the windows from there on, read before a veto (dangerTail). */
  tailWindows: Features[];
}

interface Fitted<M> {
  model: M;
  xs: Features[];
  ys: number[];
}

/** A way of learning a model from weighted examples, and of scoring a window with it. */
interface Learner<M> {
  learn(xs: Features[], ys: number[], weights: number[]): M;
  score(model: M, x: Features): number;
}

runCommand(async () => {
  const argv = process.argv.slice(2);
  const trainFile = valueOf(argv, '--train') ?? join(KNOWLEDGE_DIR, 'safety', 'train.jsonl');
  const evaluate = argv.flatMap((a, i) => (argv[i - 1] === '--evaluate' ? [a] : []));
  const config = loadConfig({});
  const thresholds = { danger: config.SAFETY_DANGER_THRESHOLD, check: config.SAFETY_CHECK_THRESHOLD, veto: config.SAFETY_RULE_VETO_THRESHOLD };
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(valueOf(argv, '--l2') && { l2: Number(valueOf(argv, '--l2')) }),
    ...(valueOf(argv, '--lexical-l2') && { lexicalL2: Number(valueOf(argv, '--lexical-l2')) }),
    ...(valueOf(argv, '--epochs') && { epochs: Number(valueOf(argv, '--epochs')) }),
  };
  const mlpOptions: MlpOptions = {
    ...DEFAULT_MLP_OPTIONS,
    ...(valueOf(argv, '--hidden') && { hidden: Number(valueOf(argv, '--hidden')) }),
    ...(valueOf(argv, '--mlp-epochs') && { epochs: Number(valueOf(argv, '--mlp-epochs')) }),
    ...(valueOf(argv, '--mlp-l2') && { l2: Number(valueOf(argv, '--mlp-l2')) }),
  };
  const logistic: Learner<LinearModel> = { learn: (xs, ys, w) => trainLogistic(xs, ys, w, options), score: linearProbability };
  const mlp: Learner<MlpModel> = { learn: (xs, ys, w) => trainMlp(xs, ys, w, mlpOptions), score: mlpProbability };
  const rules = new SafetyDetector(loadVocabulary().textspeak);
  const encoder = new FileCachedEncoder(await UniversalSentenceEncoder.load(), EMBEDDING_CACHE);
  const features = new SafetyFeatures(rules, encoder);
  const prepare = async (messages: LabelledMessage[]): Promise<Item[]> => {
    const items: Item[] = [];
    for (const m of messages) {
      const cleaned = cleanMessage(m.text);
      const fired = rules.check(cleaned).crisis;
      const tail = fired ? dangerTail(cleaned, rules) : undefined;
      // As at run time, the model never reads a message with nothing in it to read (its score is 0).
      const windows = HybridSafetyAssessor.needsModel(cleaned) ? await features.of(cleaned) : [];
      items.push({ danger: m.danger, kind: m.kind, rules: fired, windows, tailWindows: tail ? await features.of(tail) : [] });
    }
    encoder.save();
    return items;
  };

  const items = await prepare(readLabelled(trainFile));
  const questions = (await prepare(ordinaryMessages())).filter((q) => !q.rules);
  const labels = items.map((i) => i.danger);
  const fold = folds(items.length, FOLDS, SEED);
  const ordinaryFold = folds(questions.length, FOLDS, SEED + 1);
  const ordinaryScores = new Array<number>(questions.length);
  const share = valueOf(argv, '--ordinary-share') ? Number(valueOf(argv, '--ordinary-share')) : ORDINARY_SHARE;
  const model = (valueOf(argv, '--model') ?? CHOSEN_MODEL) as ModelKind;
  const lrScores = new Array<number>(items.length);
  const lrTailScores = new Array<number>(items.length);
  const mlpScores = new Array<number>(items.length);
  const mlpTailScores = new Array<number>(items.length);
  const corpusOnlyScores = new Array<number>(items.length);
  const knnScores = new Array<number>(items.length);
  for (let f = 0; f < FOLDS; f++) {
    const training = items.filter((_, i) => fold[i] !== f);
    const ordinaryTraining = questions.filter((_, i) => ordinaryFold[i] !== f);
    const fitted = fit(training, ordinaryTraining, logistic, share);
    const corpusOnly = fit(training, [], logistic, share);
    const network = model === 'mlp' ? fit(training, ordinaryTraining, mlp, share) : undefined;
    questions.forEach((q, i) => {
      if (ordinaryFold[i] === f) ordinaryScores[i] = maxOver(q.windows, (w) => (network ? mlpProbability(network.model, w) : linearProbability(fitted.model, w)));
    });
    const knn = nearestNeighbours(fitted.xs, fitted.ys, NEIGHBOURS);
    items.forEach((item, i) => {
      if (fold[i] !== f) return;
      lrScores[i] = maxOver(item.windows, (w) => linearProbability(fitted.model, w));
      lrTailScores[i] = maxOver(item.tailWindows, (w) => linearProbability(fitted.model, w));
      if (network) mlpScores[i] = maxOver(item.windows, (w) => mlpProbability(network.model, w));
      if (network) mlpTailScores[i] = maxOver(item.tailWindows, (w) => mlpProbability(network.model, w));
      corpusOnlyScores[i] = maxOver(item.windows, (w) => linearProbability(corpusOnly.model, w));
      knnScores[i] = maxOver(item.windows, knn);
    });
  }
  /** The score the tiers see: a window's best, or for a rule the model doubts, the best from the danger on too. */
  const readingTail = (scores: number[], tails: number[], veto = thresholds.veto) =>
    scores.map((s, i) => (items[i].rules && s < veto ? Math.max(s, tails[i]) : s));
  const chosenScores = model === 'mlp' ? readingTail(mlpScores, mlpTailScores) : readingTail(lrScores, lrTailScores);
  const tiers = (scores: number[], at: SafetyThresholds = thresholds) => scores.map((s, i) => tierOf(items[i].rules, s, at));
  const report = (name: string, t: SafetyTier[]) => console.log(`${name.padEnd(40)} ${formatRates(tierRates(t, labels))}`);
  console.log(
    `train ${trainFile}: ${labels.filter(Boolean).length} danger, ${labels.filter((l) => !l).length} near misses, and ${questions.length} ordinary messages; ` +
      `${FOLDS}-fold cross-validation, thresholds danger ${thresholds.danger} check ${thresholds.check}`,
  );
  report('rules alone', items.map((i) => (i.rules ? 'danger' : 'none')));
  report('logistic regression alone', tiers(lrScores).map((t, i) => (items[i].rules ? tierOf(false, lrScores[i], thresholds) : t)));
  for (const veto of [0, 0.02, 0.05, 0.1, 0.2]) report(`rules + LR, rule veto below ${veto}`, tiers(lrScores, { ...thresholds, veto }));
  report('rules + LR', tiers(lrScores));
  for (const veto of [0.1, 0.2, 0.3]) report(`rules + LR, veto below ${veto} reading from the danger on`, tiers(readingTail(lrScores, lrTailScores, veto), { ...thresholds, veto }));
  if (model === 'mlp') {
    report(`rules + MLP (${mlpOptions.hidden} hidden)`, tiers(mlpScores));
    for (const veto of [0.02, 0.05, 0.1, 0.2]) report(`rules + MLP, rule veto below ${veto}`, tiers(mlpScores, { ...thresholds, veto }));
  }
  report('rules + LR without the ordinary messages', tiers(corpusOnlyScores));
  const ordinaryRate = (at: SafetyThresholds) => {
    const t = ordinaryScores.map((s) => tierOf(false, s, at));
    const pct = (tier: SafetyTier) => `${((100 * t.filter((x) => x === tier).length) / t.length).toFixed(1)}%`;
    return `ordinary messages: check ${pct('check')}, danger ${pct('danger')}`;
  };
  console.log(`${model}, cross-validated on the ${questions.length} ordinary messages too: ${ordinaryRate(thresholds)}`);
  report(`rules + ${NEIGHBOURS} nearest neighbours`, tiers(knnScores));
  console.log(`rules + ${model} (chosen) over a grid of thresholds (danger / check):`);
  for (const danger of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    for (const check of [0.02, 0.05, 0.1, 0.2, 0.3, 0.5]) {
      const at = { ...thresholds, danger, check };
      console.log(`  ${danger} / ${check}  ${formatRates(tierRates(tiers(chosenScores, at), labels))}  | ${ordinaryRate(at)}`);
    }
  }

  console.log('by kind, cross-validated at the configured thresholds (what still slips through):');
  const chosen = tiers(chosenScores);
  const group = (item: Item) => `${item.danger ? 'danger' : 'near-miss'} / ${item.kind ?? 'unknown'}`;
  for (const kind of [...new Set(items.map(group))].sort()) {
    const members = items.map((item, i) => ({ item, tier: chosen[i] })).filter(({ item }) => group(item) === kind);
    const share = (accept: SafetyTier[]) => `${((100 * members.filter((m) => accept.includes(m.tier)).length) / members.length).toFixed(0)}%`;
    const side = members[0].item.danger ? `danger ${share(['danger'])}, danger or check ${share(['danger', 'check'])}` : `check or danger ${share(['danger', 'check'])}, danger ${share(['danger'])}`;
    console.log(`  ${kind.padEnd(50)} ${String(members.length).padStart(4)}  ${side}`);
  }

  const final = model === 'mlp' ? fit(items, questions, mlp, share) : fit(items, questions, logistic, share);
  const finalScore = (x: Features) => (model === 'mlp' ? mlpProbability(final.model as MlpModel, x) : linearProbability(final.model, x));
  const data = {
    ...modelData(final.model, model),
    trainedOn: {
      file: trainFile.replace(`${PROJECT_ROOT}/`, ''),
      danger: labels.filter(Boolean).length,
      nearMiss: labels.filter((l) => !l).length,
      questions: questions.length,
    },
    crossValidation: { ...tierRates(tiers(chosenScores), labels), dangerThreshold: thresholds.danger, checkThreshold: thresholds.check, vetoThreshold: thresholds.veto },
  };
  writeFileSync(SAFETY_MODEL_FILE, `${JSON.stringify(safetyModelSchema.parse(data))}\n`);
  console.log(`wrote ${SAFETY_MODEL_FILE}`);

  for (const file of evaluate) {
    const others = await prepare(readLabelled(file));
    const t = others.map((o) => {
      const score = maxOver(o.windows, finalScore);
      return tierOf(o.rules, o.rules && score < thresholds.veto ? Math.max(score, maxOver(o.tailWindows, finalScore)) : score, thresholds);
    });
    console.log(`${file.replace(`${PROJECT_ROOT}/`, '')}: ${formatRates(tierRates(t, others.map((o) => o.danger)))}`);
  }
});

/**
 * Trains in two passes, because a long danger story is danger only somewhere in it: first on
 * near-miss windows, questions and one-window danger messages, then adding, for each longer
 * danger message, the window that first model (always logistic regression: it is cheap) finds most worrying. Danger, near misses and
 * questions each weigh a fixed share, whatever their counts.
 */
function fit<M>(items: Item[], questions: Item[], learner: Learner<M>, ordinaryShare: number): Fitted<M> {
  const xs: Features[] = [];
  const ys: number[] = [];
  const groups: number[] = [];
  const add = (x: Features, group: 0 | 1 | 2) => (xs.push(x), ys.push(group === 1 ? 1 : 0), groups.push(group));
  for (const item of items) {
    if (!item.danger) item.windows.forEach((w) => add(w, 0));
    else if (item.windows.length === 1) add(item.windows[0], 1);
  }
  for (const q of questions) q.windows.forEach((w) => add(w, 2));
  const share = questions.length ? ordinaryShare : 0;
  const first = trainLogistic(xs, ys, groupWeights(groups, share), DEFAULT_TRAIN_OPTIONS);
  for (const item of items) {
    if (!item.danger || item.windows.length <= 1) continue;
    add(item.windows.reduce((best, w) => (linearProbability(first, w) > linearProbability(first, best) ? w : best)), 1);
  }
  return { model: learner.learn(xs, ys, groupWeights(groups, share)), xs, ys };
}

/** Weights for near misses (0), danger (1) and questions (2): danger half the total, questions a share of the rest. */
function groupWeights(groups: number[], questionShare: number): number[] {
  const counts = [0, 1, 2].map((g) => groups.filter((x) => x === g).length);
  const share = [(1 - questionShare) / 2, 1 / 2, questionShare / 2];
  return groups.map((g) => (share[g] * groups.length) / counts[g]);
}

/** The chosen model as models/safety.json stores it, rounded (its cross-validation and sources added by the caller). */
function modelData(model: LinearModel | MlpModel, kind: ModelKind) {
  const linear = { encoder: 'universal-sentence-encoder-lite' as const, weights: [...model.weights].map(round), lexical: [...model.lexical].map(round), bias: round(model.bias) };
  if (kind === 'logistic-regression') return { kind, ...linear };
  const net = model as MlpModel;
  return {
    kind,
    ...linear,
    hidden: net.hidden,
    inputWeights: [...net.inputWeights].map(round),
    lexicalHidden: [...net.lexicalHidden].map(round),
    hiddenBias: [...net.hiddenBias].map(round),
    outputWeights: [...net.outputWeights].map(round),
  };
}

/**
 * Messages that are no danger and no near miss, for the model to learn that an ordinary message is
 * no reason to ask: the articles' example questions, everyday chat, and search's training questions
 * and off-topic messages (never its held-out files, which stay a measure of ordinary messages unseen).
 */
function ordinaryMessages(): LabelledMessage[] {
  const ordinary = (text: string): LabelledMessage => ({ text, danger: false });
  const corpus = loadTrainingCorpus();
  return [
    ...loadKnowledgeBase().articles.filter((a) => !DANGER_ARTICLES.has(a.id)).flatMap((a) => a.phrases.map(ordinary)),
    ...readOrdinary(join(KNOWLEDGE_DIR, 'ordinary', 'chat.jsonl')),
    ...corpus.questions.filter((q) => !q.ids.some((id) => DANGER_ARTICLES.has(id))).map((q) => ordinary(q.text)),
    ...corpus.offTopic.map((q) => ordinary(q.text)),
  ];
}

function maxOver(windows: Features[], score: (w: Features) => number): number {
  return Math.max(0, ...windows.map(score));
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function valueOf(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function formatRates(r: ReturnType<typeof tierRates>): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  return `danger caught ${pct(r.dangerCaught)}  danger or check ${pct(r.dangerOrCheck)}  | near misses: danger ${pct(r.nearMissDanger)}  flagged ${pct(r.nearMissFlagged)}`;
}
