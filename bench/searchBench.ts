/**
 * `npm run bench:search`: the cost of understanding one message (embedding it once, the safety check,
 * hybrid search) on the real articles, and hybrid search on 10,000 synthetic articles; lunr alone,
 * and a bare lunr index, as baselines in the same run. Prints p50/p99 per message, index build time
 * and memory. Targets: whole step p99 ≤ 15 ms (real articles), search p99 ≤ 25 ms (10,000 articles).
 * Each message is new to the encoder's cache when first measured, as in real use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import lunr from 'lunr';
import { loadConfig } from '../src/config/config';
import { loadKnowledgeBase } from '../src/content/knowledgeBase';
import { createKnowledgeServices } from '../src/knowledgeServices';
import { SafetyDetector } from '../src/language/safetyDetector';
import { HybridSearch } from '../src/search/hybridSearch';
import { OutOfScope } from '../src/search/outOfScope';
import { loadSearchModel, SearchModel } from '../src/search/searchModel';
import { SearchableArticle, SearchIndex } from '../src/search/searchIndex';
import { SemanticIndex } from '../src/search/semanticIndex';
import { TopicClassifier } from '../src/search/topicClassifier';
import { loadVocabulary } from '../src/search/vocabulary';
import { PROJECT_ROOT } from '../src/paths';

const SYNTHETIC_ARTICLES = 10_000;
const MADE_UP_WORDS = 20_000;
const ROUNDS = 2;

function queries(): string[] {
  const files = ['test/fixtures/shared/retrieval-dev.jsonl', 'test/fixtures/retrieval-extra.jsonl', 'test/fixtures/retrieval-more.jsonl'];
  return files.flatMap((f) =>
    readFileSync(join(PROJECT_ROOT, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
}

/** A small deterministic random generator, so every run builds the same synthetic articles. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

/**
 * Synthetic articles made of the real articles' sentences and phrases, shuffled, with words from
 * a pool of made-up terms so the vocabulary grows the way a large knowledge base's would (about
 * 20,000 distinct words more).
 */
function synthetic(real: readonly SearchableArticle[], count: number): SearchableArticle[] {
  const rand = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const sentences = real.flatMap((a) => a.body.split(/(?<=[.!?])\s+/));
  const phrases = real.flatMap((a) => a.phrases);
  const pool = Array.from({ length: MADE_UP_WORDS }, () => Array.from({ length: 5 + Math.floor(rand() * 6) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join(''));
  const madeUp = () => pick(pool);
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    title: `${pick(real).title} ${madeUp()}`,
    summary: Array.from({ length: 3 }, () => pick(sentences)).join(' '),
    body: Array.from({ length: 12 }, () => `${pick(sentences)} ${madeUp()}`).join('\n'),
    phrases: Array.from({ length: 12 }, () => pick(phrases)),
  }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

interface Latency {
  p50: number;
  p99: number;
}

/** p50 and p99 of one call per message, after a warm-up on other texts. */
async function latencies(run: (q: string) => unknown, qs: readonly string[], rounds = 1): Promise<Latency> {
  for (let i = 0; i < 10; i++) await run(`warm up ${i} ${qs[i]}`);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of qs) {
      const start = performance.now();
      await run(q);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function bareLunr(articles: readonly SearchableArticle[]): lunr.Index {
  return lunr(function build() {
    this.ref('id');
    ['title', 'summary', 'body', 'phrases'].forEach((f) => this.field(f));
    for (const a of articles) this.add({ ...a, phrases: a.phrases.join(' ') });
  });
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const f = (n: number) => n.toFixed(2).padStart(7);
const row = (label: string, l: Latency) => console.log(`  ${label.padEnd(34)} p50 ${f(l.p50)} ms   p99 ${f(l.p99)} ms`);

/** The whole understanding step on the real articles, with the one shared encoder. */
async function realKnowledgeBase(qs: string[]): Promise<void> {
  const config = loadConfig({});
  const before = heapMb();
  const build = await timed(async () => {
    const services = createKnowledgeServices(config);
    await Promise.all([services.encoder.warm(), services.search.warm()]);
    return services;
  });
  const services = build.result;
  const heap = heapMb() - before;
  const safety = services.safetyAssessor;
  console.log(`\nReal knowledge base: ${services.knowledge.articles.length} articles, ${qs.length} messages, each new to the encoder`);
  console.log(`  start-up (encoder, indexes)  ${f(build.ms)} ms   heap ${heap.toFixed(1)} MB`);
  const fresh = (tag: string) => qs.map((q) => `${q} ${tag}`);
  row('embedding alone', await latencies((q) => services.encoder.embed([q]), fresh('(a)')));
  row('whole step: safety, then search', await latencies(async (q) => {
    await safety.assess(q);
    await services.search.search(q, 5);
  }, fresh('(b)')));
  row('search alone (message embedded)', await latencies((q) => services.search.search(q, 5), fresh('(b)')));
  row('lunr alone', await latencies((q) => services.search.keyword.search(q, 5), qs, 3));
  const bare = bareLunr(services.knowledge.articles);
  row('bare lunr', await latencies((q) => bare.search(q.replace(/[:^~*+-]/g, ' ')), qs, 3));
}

/** A unit vector in a random direction, for synthetic articles' embeddings. */
function randomUnit(rand: () => number, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => rand() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/**
 * Hybrid search over 10,000 synthetic articles: lunr over made-up text, a meaning index of one
 * random unit vector per article (the real articles have about 50 each; a large knowledge base would
 * store one or a few), and a topic classifier with one row per article, as the trained model's fusion needs.
 */
async function syntheticKnowledgeBase(real: readonly SearchableArticle[], qs: string[], model: SearchModel, encoder: HybridSearchEncoder): Promise<void> {
  const articles = synthetic(real, SYNTHETIC_ARTICLES);
  const rand = random(7);
  const before = heapMb();
  const build = await timed(() => {
    const keyword = new SearchIndex(articles, loadVocabulary());
    const semantic = new SemanticIndex(articles.map((_, i) => ({ article: i, vector: randomUnit(rand, 512) })), articles.length);
    const topics = new TopicClassifier(Float32Array.from({ length: (articles.length + 1) * 512 }, () => (rand() - 0.5) * 0.1), new Float32Array(articles.length + 1), articles.length + 1);
    const rules = new SafetyDetector(loadVocabulary().textspeak);
    return new HybridSearch(keyword, articles, async () => semantic, { ...model, topics: topics.toData() }, encoder, (text) => rules.normalise(text), OutOfScope.load());
  });
  const heap = heapMb() - before;
  const bare = await timed(() => bareLunr(articles));
  console.log(`\nSynthetic knowledge base: ${articles.length} articles, ${qs.length} messages x ${ROUNDS} (embeddings cached: search only)`);
  console.log(`  index build  ${f(build.ms)} ms (bare lunr ${f(bare.ms)} ms)   heap ${heap.toFixed(1)} MB`);
  for (const q of qs) await encoder.embed([q]);
  row('hybrid search', await latencies((q) => build.result.search(q, 5), qs, ROUNDS));
  row('lunr alone', await latencies((q) => build.result.keyword.search(q, 5), qs, ROUNDS));
  row('bare lunr', await latencies((q) => bare.result.search(q.replace(/[:^~*+-]/g, ' ')), qs, ROUNDS));
}

type HybridSearchEncoder = ReturnType<typeof createKnowledgeServices>['encoder'];

async function main(): Promise<void> {
  const real = loadKnowledgeBase().articles;
  const qs = queries();
  await realKnowledgeBase(qs);
  await syntheticKnowledgeBase(real, qs, loadSearchModel(), createKnowledgeServices(loadConfig({})).encoder);
  console.log('\nTargets: whole step p99 <= 15 ms on the real articles; search p99 <= 25 ms on 10,000 articles.');
}

void main();
