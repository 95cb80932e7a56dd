/**
 * Full-text search over the articles with lunr: field boosts, stemming, word pairs, spelling
 * repair and everyday synonyms. It also says how sure it is, so the bot can ask instead of guessing.
 */
import lunr from 'lunr';
import { SpellingCorrector } from '../language/spelling';
import { AnalysedQuery, QueryAnalyser } from './queryAnalyser';
import { tokenise } from './tokenise';
import { Vocabulary } from './vocabulary';

export interface SearchableArticle {
  id: string;
  title: string;
  summary: string;
  body: string;
  phrases: readonly string[];
}

export interface SearchResult {
  id: string;
  title: string;
  score: number;
}

export type Confidence = 'sure' | 'unsure' | 'none';

export interface SearchOutcome {
  results: SearchResult[];
  confidence: Confidence;
  /** Share of the message's meaningful words that the best article matched (0–1). */
  coverage: number;
}

export interface SearchTuning {
  boosts: { title: number; phrases: number; summary: number; body: number; pairs: number };
  /** BM25 length normalisation and term saturation. */
  b: number;
  k1: number;
  sureMinCoverage: number;
  sureMinMargin: number;
}

/** Tuned on the development and extra evaluation sets (test/search.eval.test.ts measures them). */
export const DEFAULT_TUNING: SearchTuning = {
  boosts: { title: 6, phrases: 4, summary: 2, body: 1, pairs: 1 },
  b: 0.75,
  k1: 1.2,
  sureMinCoverage: 0.34,
  sureMinMargin: 0.08,
};

const TEXT_FIELDS = ['title', 'phrases', 'summary', 'body'];

const stem = (word: string): string => lunr.stemmer(new lunr.Token(word, {})).toString();
const isStopWord = (word: string): boolean => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;

/** Adjacent meaningful words joined ("child_protect", "care_proceed"): they tell topics apart better than single words. */
function pairsOf(words: readonly string[]): string[] {
  const kept = words.filter((w) => !isStopWord(w)).map(stem);
  return kept.slice(1).map((w, i) => `${kept[i]}_${w}`);
}

function words(text: string): string[] {
  return tokenise(text.replace(/\{\{[^}]*\}\}/g, ' '));
}

export class SearchIndex {
  private readonly index: lunr.Index;
  private readonly titles: Map<string, string>;
  readonly analyser: QueryAnalyser;

  constructor(articles: readonly SearchableArticle[], vocabulary: Vocabulary, private readonly tuning: SearchTuning = DEFAULT_TUNING) {
    this.titles = new Map(articles.map((a) => [a.id, a.title]));
    this.index = lunr(function build() {
      this.ref('id');
      this.b(tuning.b);
      this.k1(tuning.k1);
      for (const [field, boost] of Object.entries(tuning.boosts)) this.field(field, { boost });
      for (const a of articles) {
        const texts = [a.title, a.summary, a.body, ...a.phrases];
        this.add({
          id: a.id,
          title: words(a.title).join(' '),
          summary: words(a.summary).join(' '),
          body: words(a.body).join(' '),
          phrases: a.phrases.map((p) => words(p).join(' ')).join(' '),
          pairs: texts.flatMap((t) => t.split(/[.!?\n]/).flatMap((s) => pairsOf(words(s)))).join(' '),
        });
      }
    });
    const frequencies = new Map<string, number>();
    const count = (word: string) => frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    for (const a of articles) [a.title, a.summary, a.body, ...a.phrases].flatMap(words).forEach(count);
    new QueryAnalyser(vocabulary, new SpellingCorrector(new Map())).vocabularyWords().forEach(count);
    this.analyser = new QueryAnalyser(vocabulary, new SpellingCorrector(frequencies));
  }

  search(text: string, limit = 5): SearchOutcome {
    const query = this.analyser.analyse(text);
    const terms = query.terms.filter((t) => !isStopWord(t.word));
    if (!terms.length) return { results: [], confidence: 'none', coverage: 0 };
    const pairs = [pairsOf(query.words), ...query.expansions.map(pairsOf)].flat();
    const hits = this.index.query((q) => {
      for (const t of terms) q.term(t.word, { boost: t.boost, usePipeline: true, fields: TEXT_FIELDS });
      for (const p of pairs) q.term(p, { usePipeline: false, fields: ['pairs'] });
    });
    const results = hits.slice(0, limit).map((h) => ({ id: h.ref, title: this.titles.get(h.ref) ?? h.ref, score: round(h.score) }));
    if (!results.length) return { results, confidence: 'none', coverage: 0 };
    const coverage = coverageOf(query, hits[0]);
    const margin = hits.length > 1 ? (hits[0].score - hits[1].score) / hits[0].score : 1;
    const sure = coverage >= this.tuning.sureMinCoverage && margin >= this.tuning.sureMinMargin;
    return { results, confidence: sure ? 'sure' : 'unsure', coverage: round(coverage) };
  }
}

/** How many of the user's meaningful words the best article matched, directly or through a synonym. */
function coverageOf(query: AnalysedQuery, best: lunr.Index.Result): number {
  const matched = new Set(Object.keys(best.matchData.metadata));
  const meaningful = query.words.map((w, i) => [w, i] as const).filter(([w]) => !isStopWord(w));
  if (!meaningful.length) return 0;
  const hit = meaningful.filter(([, i]) => query.terms.some((t) => t.from === i && matched.has(stem(t.word))));
  return hit.length / meaningful.length;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
