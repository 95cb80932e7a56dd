/**
 * `npm run bench:safety`: what the safety model costs. Prints the sentence encoder's and the
 * classifier's time per message (p50/p99, ms) over the evaluation sets' messages, the whole
 * check (rules, windows, encoder, classifier) per message, the encoder through the worker thread
 * the bot uses, the model's load time and the extra RSS it brings. Targets: p99 ≤ 10 ms a message, cold start to the first answer ≤ 3 s.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config';
import { SafetyDetector } from '../src/language/safetyDetector';
import { PROJECT_ROOT } from '../src/paths';
import { loadVocabulary } from '../src/search/vocabulary';
import { HybridSafetyAssessor } from '../src/safety/hybridSafetyAssessor';
import { readLabelled } from '../src/safety/labelledMessages';
import { SafetyClassifier } from '../src/safety/safetyClassifier';
import { SafetyFeatures } from '../src/safety/safetyFeatures';
import { cleanMessage, modelWords, windows } from '../src/safety/safetyText';
import { UniversalSentenceEncoder } from '../src/safety/sentenceEncoder';
import { WorkerSentenceEncoder } from '../src/safety/workerSentenceEncoder';

const FILES = ['test/fixtures/shared/crisis-dev.jsonl', 'test/fixtures/crisis-extra.jsonl', 'test/fixtures/crisis-more.jsonl', 'test/fixtures/shared/retrieval-dev.jsonl'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(name: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${name.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(2).padStart(6)} ms   p99 ${percentile(sorted, 99).toFixed(2).padStart(6)} ms`;
}

async function main(): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const loadStart = performance.now();
  const encoder = await UniversalSentenceEncoder.load();
  const classifier = SafetyClassifier.load();
  const loadMs = performance.now() - loadStart;
  const firstStart = performance.now();
  await encoder.embed(['is anyone there']);
  const firstMs = performance.now() - firstStart;

  const rules = new SafetyDetector(loadVocabulary().textspeak);
  const config = loadConfig({});
  const features = new SafetyFeatures(rules, encoder);
  const assessor = new HybridSafetyAssessor(rules, encoder, classifier, { danger: config.SAFETY_DANGER_THRESHOLD, check: config.SAFETY_CHECK_THRESHOLD, veto: config.SAFETY_RULE_VETO_THRESHOLD });
  const messages = FILES.flatMap((f) => readLabelled(join(PROJECT_ROOT, f))).map((m) => m.text);
  for (const text of messages.slice(0, 20)) await assessor.assess(text);

  const encoderMs: number[] = [];
  const classifierMs: number[] = [];
  const wholeMs: number[] = [];
  for (const text of messages) {
    const pieces = windows(modelWords(cleanMessage(text)));
    let start = performance.now();
    await encoder.embed(pieces);
    encoderMs.push(performance.now() - start);
    const read = await features.of(cleanMessage(text));
    start = performance.now();
    for (const window of read) classifier.probability(window);
    classifierMs.push(performance.now() - start);
    start = performance.now();
    await assessor.assess(text);
    wholeMs.push(performance.now() - start);
  }
  global.gc?.();
  const extraRss = process.memoryUsage().rss - rssBefore;
  // The bot runs the encoder in a worker thread: the same work, plus the trip there and back.
  const worker = await WorkerSentenceEncoder.start();
  const workerMs: number[] = [];
  for (const text of messages) {
    const pieces = windows(modelWords(cleanMessage(text)));
    const start = performance.now();
    await worker.embed(pieces);
    workerMs.push(performance.now() - start);
  }
  await worker.close();
  const words = messages.map((m) => m.split(/\s+/).length).sort((a, b) => a - b);
  console.log(`${messages.length} messages from the evaluation sets (median ${percentile(words, 50)} words, longest ${words.at(-1)}), one at a time, this machine (${process.arch}, Node ${process.version})`);
  console.log(summary('encoder (all windows of a message)', encoderMs));
  console.log(summary('classifier (all windows)', classifierMs));
  console.log(summary('whole check (rules, encoder, classifier)', wholeMs));
  console.log(summary('encoder in its worker thread', workerMs));
  console.log(`load ${loadMs.toFixed(0)} ms, first message ${firstMs.toFixed(0)} ms, extra RSS ${(extraRss / 1e6).toFixed(0)} MB (weights in WebAssembly memory, outside the V8 heap)`);
}

void main();
