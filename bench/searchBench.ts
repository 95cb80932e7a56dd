/**
 * `npm run bench:search`: search speed on the real articles and on 10,000 synthetic ones, with
 * a bare lunr index over the same documents as the baseline in the same run. Prints p50/p99
 * per query, index build time and memory, and the ratios. Targets: p99 ≤ 1 ms (real),
 * ≤ 10 ms (10,000 articles).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import lunr from 'lunr';
import { loadKnowledgeBase } from '../src/content/knowledgeBase';
import { SearchableArticle, SearchIndex } from '../src/search/searchIndex';
import { loadVocabulary } from '../src/search/vocabulary';
import { PROJECT_ROOT } from '../src/paths';

const SYNTHETIC_ARTICLES = 10_000;
const MADE_UP_WORDS = 20_000;
const ROUNDS = 5;

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

function time<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

function latencies(search: (q: string) => unknown, qs: string[]): { p50: number; p99: number } {
  qs.slice(0, 20).forEach(search);
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of qs) {
      const start = performance.now();
      search(q);
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

function run(label: string, articles: readonly SearchableArticle[], qs: string[]): void {
  const vocabulary = loadVocabulary();
  const before = heapMb();
  const ours = time(() => new SearchIndex(articles, vocabulary));
  const ourHeap = heapMb() - before;
  const bare = time(() => bareLunr(articles));
  const ourTimes = latencies((q) => ours.result.search(q, 5), qs);
  const bareTimes = latencies((q) => bare.result.search(q.replace(/[:^~*+-]/g, ' ')), qs);
  const f = (n: number) => n.toFixed(3).padStart(8);
  console.log(`\n${label}: ${articles.length} articles, ${qs.length} queries x ${ROUNDS}`);
  console.log(`  index build      ours ${f(ours.ms)} ms   bare lunr ${f(bare.ms)} ms   ratio ${(ours.ms / bare.ms).toFixed(2)}x`);
  console.log(`  query p50        ours ${f(ourTimes.p50)} ms   bare lunr ${f(bareTimes.p50)} ms   ratio ${(ourTimes.p50 / bareTimes.p50).toFixed(2)}x`);
  console.log(`  query p99        ours ${f(ourTimes.p99)} ms   bare lunr ${f(bareTimes.p99)} ms   ratio ${(ourTimes.p99 / bareTimes.p99).toFixed(2)}x`);
  console.log(`  heap after build ours ${ourHeap.toFixed(1)} MB`);
}

const real = loadKnowledgeBase().articles;
const qs = queries();
run('Real knowledge base', real, qs);
run('Synthetic knowledge base', synthetic(real, SYNTHETIC_ARTICLES), qs);
console.log('\nTargets: p99 <= 1 ms on the real articles, <= 10 ms on 10,000 articles.');
