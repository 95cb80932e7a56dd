/**
 * `npm run train:search`: fits search's fusion and calibration on the training questions and writes
 * models/search-model.json (and the embeddings, models/search-embeddings.json). Deterministic.
 * 1. Every training question is ranked leave-one-out: its own text is taken out of the meaning index.
 * 2. The fusion with the best cross-validated top-1 is chosen: linear blends and reciprocal rank fusion
 *    over a grid, or a learned re-ranker over similarities, a topic classifier and lunr's scores
 *    (the classifier and the re-ranker are themselves cross-validated in 5 folds, and so is the
 *    on-topic classifier the calibration may read).
 * 3. Two logistic regressions are fitted on those rankings' evidence, measured by 5-fold
 *    cross-validation: is the top article right, and can the knowledge base answer at all. The
 *    "sure" threshold is the lowest whose cross-validated precision clears SURE_PRECISION; the
 *    on-topic threshold the highest that turns away no more than ON_TOPIC_REJECTED of the questions.
 *    Each regression reads the set of evidence (FEATURE_SETS) that does best in that cross-validation.
 * 4. The "likely" threshold, below sure's: lowered step by step while the cross-validated share right
 *    of the messages between it and sure's (those the bot would answer as likely: on-topic, and not a
 *    close pair of clarify.yaml, which gets its question instead) stays at or above LIKELY_PRECISION,
 *    once there are MIN_LIKELY of them to judge by.
 * It never reads the held-out files.
 */
import { writeFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../content/knowledgeBase';
import { SafetyDetector } from '../language/safetyDetector';
import { Evidence, EvidenceFeature, probability, trainLogistic } from '../search/calibration';
import { Clarifications } from '../search/clarifications';
import { buildSemanticIndex, corpusHash, indexTexts } from '../search/createHybridSearch';
import { EmbeddingStore } from '../search/embeddingStore';
import { Fusion, RERANK_FEATURES, RerankFeature, trainReranker } from '../search/fusion';
import { meaningText } from '../search/meaningText';
import { loadTrainingCorpus } from '../search/questionCorpus';
import { querySignals, rankArticles } from '../search/ranking';
import { SEARCH_EMBEDDINGS_FILE, SEARCH_MODEL_FILE, SearchModel } from '../search/searchModel';
import { SearchIndex } from '../search/searchIndex';
import { formatMeasures, formatReliability, Judged, measure, reliability } from '../search/searchMetrics';
import { unit } from '../search/semanticIndex';
import { OnTopicClassifier } from '../search/onTopicClassifier';
import { TopicClassifier } from '../search/topicClassifier';
import { WordClassifier } from '../search/wordClassifier';
import { loadVocabulary } from '../search/vocabulary';
import { UniversalSentenceEncoder } from '../safety/sentenceEncoder';
import { runCommand } from './args';

const FOLDS = 5;
/** Above the 97% target with room: a margin of one point (0.98) was measured too thin on held-out messages. */
const SURE_PRECISION = 0.985;
const ON_TOPIC_REJECTED = 0.01;
/**
 * A likely answer comes with the next topics as buttons, so a miss costs one tap; but it is still
 * read first by a worried parent, so the top of the 80-85% the design asked for.
 */
const LIKELY_PRECISION = 0.85;
const THRESHOLD_STEP = 0.005;
const MIN_LIKELY = 30;
const FUSIONS: Fusion[] = [
  ...Array.from({ length: 11 }, (_, i) => ({ kind: 'linear' as const, semanticWeight: i / 10 })),
  ...[5, 10, 20, 40, 60].map((k) => ({ kind: 'rrf' as const, k })),
];

const SIGNALS: RerankFeature[] = ['semantic', 'closest3', 'topic', 'keyword', 'keywordFound'];
const RERANKERS: { name: string; features: readonly RerankFeature[] }[] = [
  { name: 'the signals', features: SIGNALS },
  { name: 'the signals and words', features: [...SIGNALS, 'words'] },
  { name: 'all but words', features: RERANK_FEATURES.filter((f) => !f.startsWith('words')) },
  { name: 'all', features: RERANK_FEATURES },
];

const BASE_EVIDENCE: EvidenceFeature[] = ['fusedTop', 'fusedMargin', 'semanticTop', 'semanticMargin', 'offTopicGap', 'keywordTop', 'coverage', 'agree', 'offTopicClass'];
const FEATURE_SETS: { name: string; features: EvidenceFeature[] }[] = [
  { name: 'ranking evidence', features: BASE_EVIDENCE },
  { name: '+ off-topic log-odds', features: [...BASE_EVIDENCE, 'offTopicOdds'] },
  { name: '+ off-topic log-odds, nearest example', features: [...BASE_EVIDENCE, 'offTopicOdds', 'offTopicNearest'] },
  { name: '+ off-topic log-odds, on-topic classifier', features: [...BASE_EVIDENCE, 'offTopicOdds', 'onTopicOdds'] },
];

interface Item {
  want: string[];
  evidence: Evidence;
  got: string[];
  fold: number;
}

runCommand(async () => {
  const articles = loadKnowledgeBase().articles;
  const corpus = loadTrainingCorpus();
  const vocabulary = loadVocabulary();
  const keyword = new SearchIndex(articles, vocabulary);
  const rules = new SafetyDetector(vocabulary.textspeak);
  const normalise = (text: string) => rules.normalise(text);
  const texts = indexTexts(articles, corpus, normalise);
  const store = new EmbeddingStore(SEARCH_EMBEDDINGS_FILE);
  const started = Date.now();
  const encoder = await UniversalSentenceEncoder.load();
  const semantic = await buildSemanticIndex(texts, articles.length, store, encoder);
  store.save(texts.map((t) => t.text));
  console.log(`${texts.length} texts in the meaning index (${seconds(started)} to embed what was new)`);

  const positions = new Map(articles.map((a, i) => [a.id, i]));
  const vectors = (await store.embedAll(texts.map((t) => t.text), encoder)).map(unit);
  const samples = [...corpus.questions, ...corpus.offTopic].map((q, n) => {
    const key = meaningText(q.text, normalise);
    const own = texts.flatMap((t, i) => (t.text === key ? [i] : []));
    return { want: q.ids, key, fold: n % FOLDS, vector: vectors[own[0]], meaning: semantic.scores(vectors[own[0]], new Set(own)), keyword: keyword.search(q.text, 10) };
  });

  // The classifiers, cross-validated: each fold's questions are read by a model that never saw them.
  type Sample = (typeof samples)[number];
  const outOfFold = <M, T>(name: string, fit: (training: Sample[]) => M, read: (model: M, s: Sample) => T): Map<Sample, T> => {
    const started = Date.now();
    const out = new Map<Sample, T>();
    for (let f = 0; f < FOLDS; f++) {
      const model = fit(samples.filter((s) => s.fold !== f));
      samples.filter((s) => s.fold === f).forEach((s) => out.set(s, read(model, s)));
    }
    console.log(`${name} cross-validated in ${seconds(started)}`);
    return out;
  };
  // indexTexts lists each article's own texts (title, summary, phrases) first.
  const articleTexts = Array.from({ length: articles.reduce((n, a) => n + 2 + a.phrases.length, 0) }, (_, i) => i);
  // One class per article, and the last for off-topic messages.
  const articleClasses = articleTexts.map((i) => texts[i].article);
  const classOf = (s: Sample) => (s.want.length ? (positions.get(s.want[0]) as number) : articles.length);
  const fitTopics = (labelled: Sample[]) =>
    TopicClassifier.train([...articleTexts.map((i) => vectors[i]), ...labelled.map((s) => s.vector)], [...articleClasses, ...labelled.map(classOf)], articles.length + 1);
  const fitOnTopic = (labelled: Sample[]) => OnTopicClassifier.train(labelled.map((s) => s.vector), labelled.map((s) => s.want.length > 0));
  // The word classifier reads the text the encoder reads.
  const fitWords = (labelled: Sample[]) =>
    WordClassifier.train([...articleTexts.map((i) => texts[i].text), ...labelled.map((s) => s.key)], [...articleClasses, ...labelled.map(classOf)], articles.length + 1);
  const topicCv = outOfFold('Topic classifier', fitTopics, (model, s) => model.logProbabilities(s.vector));
  const onTopicCv = outOfFold('On-topic classifier', fitOnTopic, (model, s) => model.logOdds(s.vector));
  const wordsCv = outOfFold('Word classifier', fitWords, (model, s) => model.logProbabilities(s.key));
  const signals = samples.map((s) => querySignals(s.meaning, topicCv.get(s) as Float32Array, wordsCv.get(s) as Float32Array, s.keyword, positions, onTopicCv.get(s)));

  // Each re-ranker's weights per fold, so its ranking of each question is cross-validated too.
  const rerankerQueries = (fold?: number) =>
    samples.flatMap((s, n) => (s.want.length && s.fold !== fold ? [{ inputs: signals[n].inputs, right: positions.get(s.want[0]) as number }] : []));
  const rerankerFolds = new Map(RERANKERS.map((r) => [r.name, Array.from({ length: FOLDS }, (_, f) => trainReranker(rerankerQueries(f), r.features))]));
  const rankAll = (fusion: Fusion): Item[] =>
    samples.map((s, n) => {
      const foldFusion: Fusion = fusion.kind === 'reranker' ? { ...fusion, weights: rerankerFolds.get(rerankerName(fusion.features))?.[s.fold] as number[] } : fusion;
      const r = rankArticles(signals[n], foldFusion);
      return { want: s.want, evidence: r.evidence, got: r.order.map((i) => articles[i].id), fold: s.fold };
    });

  const rerankers: Fusion[] = RERANKERS.map((r) => ({ kind: 'reranker', features: [...r.features], weights: trainReranker(rerankerQueries(), r.features).map(round) }));
  const candidates = [...FUSIONS, ...rerankers].map((fusion) => {
    const m = measure(rankAll(fusion).filter((i) => i.want.length).map((i) => ({ ...i, sure: false, probability: 0 })));
    return { fusion, top1: round(m.top1), top3: round(m.top3) };
  });
  const chosen = [...candidates].sort((a, b) => b.top1 - a.top1 || b.top3 - a.top3)[0];
  console.log('Fusion, cross-validated on the training questions (top-1, top-3):');
  for (const c of candidates) console.log(`  ${describe(c.fusion).padEnd(34)} ${c.top1.toFixed(3)}  ${c.top3.toFixed(3)}${c === chosen ? '  <- chosen' : ''}`);

  const items = rankAll(chosen.fusion);
  const isRight = (i: Item) => (i.want.includes(i.got[0]) ? 1 : 0);
  const isOnTopic = (i: Item) => (i.want.length ? 1 : 0);
  /** Each item's probability from a regression that never saw its fold. */
  const crossValidated = (label: (i: Item) => number, features: readonly EvidenceFeature[]): number[] => {
    const out = items.map(() => 0);
    for (let f = 0; f < FOLDS; f++) {
      const train = items.filter((i) => i.fold !== f);
      const model = trainLogistic(train.map((i) => i.evidence), train.map(label), features);
      items.forEach((i, n) => {
        if (i.fold === f) out[n] = probability(model, i.evidence);
      });
    }
    return out;
  };
  // Telling a family "I can't help with that" about a real question is the worse mistake: the threshold
  // turns away at most ON_TOPIC_REJECTED of the training questions, and off-topic messages let through
  // get "is it one of these?", never a sure answer.
  const onTopicAt = (scores: readonly number[]) => {
    const questions = items.flatMap((i, n) => (i.want.length ? [scores[n]] : [])).sort((a, b) => a - b);
    return round(questions[Math.floor(questions.length * ON_TOPIC_REJECTED)]);
  };
  const judge = (onTopic: readonly number[], onTopicThreshold: number, right: readonly number[], sureAt: number): Judged[] =>
    items.map((i, n) => {
      const kept = onTopic[n] >= onTopicThreshold;
      return { want: i.want, got: kept ? i.got : [], sure: kept && right[n] >= sureAt, probability: kept ? right[n] : 0 };
    });
  // The evidence each regression reads: the set with the best cross-validated result (fewer features on a tie).
  console.log('Evidence for "can the knowledge base answer", cross-validated (off-topic let through at the threshold):');
  const onTopicTried = FEATURE_SETS.map((set) => {
    const scores = crossValidated(isOnTopic, set.features);
    const threshold = onTopicAt(scores);
    const letThrough = measure(judge(scores, threshold, scores, 2)).offTopicMatched;
    console.log(`  ${set.name.padEnd(34)} ${(letThrough * 100).toFixed(1)}%`);
    return { set, scores, threshold, letThrough };
  });
  const onTopic = [...onTopicTried].sort((a, b) => a.letThrough - b.letThrough || a.set.features.length - b.set.features.length)[0];
  console.log('Evidence for "the first article is right", cross-validated (sure at the precision target):');
  const sureTried = FEATURE_SETS.map((set) => {
    const scores = crossValidated(isRight, set.features);
    const threshold = lowestThreshold((t) => measure(judge(onTopic.scores, onTopic.threshold, scores, t)).rightWhenSure >= SURE_PRECISION);
    const sureRate = measure(judge(onTopic.scores, onTopic.threshold, scores, threshold)).sureRate;
    console.log(`  ${set.name.padEnd(34)} ${(sureRate * 100).toFixed(1)}%`);
    return { set, scores, threshold, sureRate };
  });
  const sure = [...sureTried].sort((a, b) => b.sureRate - a.sureRate || a.set.features.length - b.set.features.length)[0];
  const clarifications = Clarifications.load(undefined, new Set(articles.map((a) => a.id)));
  const likelyAt = (t: number): Judged[] =>
    judge(onTopic.scores, onTopic.threshold, sure.scores, sure.threshold).map((j) => ({
      ...j,
      likely: !j.sure && j.got.length > 0 && j.probability >= t && !clarifications.between(j.got[0], j.got[1]),
    }));
  const likelyPrecision = (t: number) => {
    const likely = likelyAt(t).filter((j) => j.likely);
    return { count: likely.length, precision: likely.length ? likely.filter((j) => j.want.includes(j.got[0])).length / likely.length : 1 };
  };
  // Just below sure's threshold the likely answers are a handful, and one miss among them would stop the
  // search for a threshold at once: a share counts only once MIN_LIKELY messages are likely.
  let likelyThreshold = sure.threshold;
  for (let t = round(sure.threshold - THRESHOLD_STEP); t > 0; t = round(t - THRESHOLD_STEP)) {
    const { count, precision } = likelyPrecision(t);
    if (precision >= LIKELY_PRECISION) likelyThreshold = t;
    else if (count >= MIN_LIKELY) break;
  }
  console.log(`"Likely" threshold, cross-validated (share right of likely answers; answered directly; off-topic answered):`);
  for (const t of [...new Set([0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, likelyThreshold])].sort((a, b) => a - b)) {
    const m = measure(likelyAt(t));
    console.log(`  ${t.toFixed(3)}  ${(m.rightWhenLikely * 100).toFixed(1)}%  ${((m.sureRate + m.likelyRate) * 100).toFixed(1)}%  ${(m.offTopicAnswered * 100).toFixed(1)}%${t === likelyThreshold ? '  <- chosen' : ''}`);
  }
  const judged = likelyAt(likelyThreshold);
  const figures = measure(judged);
  console.log(`Calibration, ${FOLDS}-fold cross-validation: on-topic (${onTopic.set.name}) threshold ${onTopic.threshold}, sure (${sure.set.name}) threshold ${sure.threshold}, likely ${likelyThreshold}`);
  console.log(formatMeasures('  training (cross-validated)', figures));
  console.log(formatReliability(reliability(judged)));
  console.log('Most confused pairs (cross-validated, right article second):');
  for (const [pair, count] of confusions(items).slice(0, 15)) console.log(`  ${count}  ${pair}`);

  const model: SearchModel = {
    fusion: chosen.fusion,
    topics: fitTopics(samples).toData(),
    words: fitWords(samples).toData(),
    onTopicClassifier: fitOnTopic(samples).toData(),
    sure: { model: trainLogistic(items.map((i) => i.evidence), items.map(isRight), sure.set.features), threshold: sure.threshold },
    likely: { threshold: likelyThreshold },
    onTopic: { model: trainLogistic(items.map((i) => i.evidence), items.map(isOnTopic), onTopic.set.features), threshold: onTopic.threshold },
    trainedOn: { hash: corpusHash(texts), questions: corpus.questions.length, offTopic: corpus.offTopic.length },
    crossValidation: { fusions: candidates.map((c) => ({ fusion: describe(c.fusion), top1: c.top1, top3: c.top3 })), figures: roundAll(figures) },
  };
  writeFileSync(SEARCH_MODEL_FILE, `${JSON.stringify(roundAll(model), null, 1)}\n`);
  console.log(`Wrote ${SEARCH_MODEL_FILE} in ${seconds(started)}`);
});

/** Pairs of articles where the right one came second, most often first. */
function confusions(items: readonly Item[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const i of items) {
    if (!i.want.length || i.want.includes(i.got[0]) || !i.want.includes(i.got[1])) continue;
    const pair = [i.got[0], i.got[1]].sort().join(' / ');
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function lowestThreshold(good: (t: number) => boolean): number {
  for (let t = 0.5; t < 1; t = round(t + THRESHOLD_STEP)) if (good(t)) return t;
  return 0.999;
}

function rerankerName(features: readonly RerankFeature[]): string {
  return RERANKERS.find((r) => r.features.join() === features.join())?.name ?? 'custom';
}

function describe(f: Fusion): string {
  if (f.kind === 'reranker') return `re-ranker, ${rerankerName(f.features)}`;
  return f.kind === 'linear' ? `linear, w=${f.semanticWeight}` : `rrf, k=${f.k}`;
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

function roundAll<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
}
