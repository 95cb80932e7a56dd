/**
 * Full-text search over the articles with lunr: field boosts, stemming, best-matching phrase, spelling
 * repair and everyday synonyms. It also says how sure it is, so the bot can ask instead of guessing.
 */
import lunr from 'lunr';
import { SpellingCorrector } from '../language/spelling';
import { isStopWord } from '../language/stopWords';
import { AnalysedQuery, QueryAnalyser, WeightedTerm } from './queryAnalyser';
import { tokenise } from './tokenise';
import { Vocabulary } from './vocabulary';
import { timed } from '../metrics/turnTimings';

export { isStopWord };

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

/** lunr alone says sure, unsure or none; hybrid search also says likely (see HybridSearch). */
export type Confidence = 'sure' | 'likely' | 'unsure' | 'none';

export interface SearchOutcome {
  results: SearchResult[];
  confidence: Confidence;
  /** Share of the message's meaningful words that the best article matched (0–1). */
  coverage: number;
}

export interface SearchTuning {
  boosts: { title: number; phrases: number; summary: number; body: number };
  /** BM25 length normalisation and term saturation. */
  b: number;
  k1: number;
  sureMinCoverage: number;
  sureMinMargin: number;
  /** Weight of the best single matching phrase against the whole-article score. */
  phraseWeight: number;
}

/** Tuned on the development and extra evaluation sets (test/search.eval.test.ts measures them). */
export const DEFAULT_TUNING: SearchTuning = {
  boosts: { title: 4, phrases: 4, summary: 2, body: 1 },
  b: 0.75,
  k1: 2,
  sureMinCoverage: 0.4,
  sureMinMargin: 0.08,
  phraseWeight: 1,
};

/** Above this many articles, search leaves out the commonest words (see selectTerms). */
const LARGE_KNOWLEDGE_BASE = 500;
/** A word in more than this share of articles counts as common, and is left out when rarer words are there. */
const COMMON_WORD_SHARE = 0.02;
/** A message of common words only is searched by its rarest few, in titles only. */
const FALLBACK_COMMON_WORDS = 2;
const SHORT_FIELDS = ['title'];
/** At most this many different words of a message are searched for. */
const MAX_TERMS = 16;

interface SelectedTerm extends WeightedTerm {
  /** The word as the index holds it (lunr's stemmer), so lunr need not run its pipeline per query. */
  stem: string;
  common?: boolean;
}

const stem = (word: string): string => lunr.stemmer(new lunr.Token(word, {})).toString();

function words(text: string): string[] {
  return tokenise(text.replace(/\{\{[^}]*\}\}/g, ' '));
}

export class SearchIndex {
  private readonly index: lunr.Index;
  /** Every phrase as its own document: a message that closely matches one phrase finds its article. */
  private readonly phraseIndex: lunr.Index;
  private readonly titles: Map<string, string>;
  private readonly frequencyCache = new Map<string, number>();
  readonly analyser: QueryAnalyser;

  constructor(articles: readonly SearchableArticle[], vocabulary: Vocabulary, private readonly tuning: SearchTuning = DEFAULT_TUNING) {
    this.titles = new Map(articles.map((a) => [a.id, a.title]));
    this.index = lunr(function build() {
      this.ref('id');
      this.b(tuning.b);
      this.k1(tuning.k1);
      for (const [field, boost] of Object.entries(tuning.boosts)) this.field(field, { boost });
      for (const a of articles) {
        this.add({
          id: a.id,
          title: words(a.title).join(' '),
          summary: words(a.summary).join(' '),
          body: words(a.body).join(' '),
          phrases: a.phrases.map((p) => words(p).join(' ')).join(' '),
        });
      }
    });
    this.phraseIndex = lunr(function build() {
      this.ref('ref');
      this.field('text');
      this.b(tuning.b);
      this.k1(tuning.k1);
      for (const a of articles) [a.title, ...a.phrases].forEach((p, i) => this.add({ ref: `${a.id}#${i}`, text: words(p).join(' ') }));
    });
    const frequencies = new Map<string, number>();
    const count = (word: string) => frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    for (const a of articles) [a.title, a.summary, a.body, ...a.phrases].flatMap(words).forEach(count);
    new QueryAnalyser(vocabulary, new SpellingCorrector(new Map())).vocabularyWords().forEach(count);
    this.analyser = new QueryAnalyser(vocabulary, new SpellingCorrector(frequencies));
  }

  search(text: string, limit = 5): SearchOutcome {
    return timed('search', () => this.find(text, limit));
  }

  private find(text: string, limit: number): SearchOutcome {
    const query = this.analyser.analyse(text);
    const terms = this.selectTerms(query.terms);
    if (!terms.length) return { results: [], confidence: 'none', coverage: 0 };
    const articleHits = this.index.query((q) => {
      for (const t of terms) q.term(t.stem, { boost: t.boost, usePipeline: false, ...(t.common ? { fields: SHORT_FIELDS } : {}) });
    });
    // An empty lunr query counts as "everything but nothing": it would score every phrase.
    const phraseTerms = terms.filter((t) => !t.common && !t.synonym);
    const phraseHits = phraseTerms.length
      ? this.phraseIndex.query((q) => phraseTerms.forEach((t) => q.term(t.stem, { boost: t.boost, usePipeline: false })))
      : [];
    const hits = this.combine(articleHits, phraseHits);
    const results = hits.slice(0, limit).map((h) => ({ id: h.ref, title: this.titles.get(h.ref) ?? h.ref, score: round(h.score) }));
    if (!results.length) return { results, confidence: 'none', coverage: 0 };
    const coverage = this.coverageOf(query, hits[0]);
    const margin = hits.length > 1 ? (hits[0].score - hits[1].score) / hits[0].score : 1;
    // Numbers alone ("3", "20") say too little to be sure of anything.
    const hasWords = query.words.some((w) => /[a-z]/.test(w) && !isStopWord(w));
    const sure = hasWords && coverage >= this.tuning.sureMinCoverage && margin >= this.tuning.sureMinMargin;
    return { results, confidence: sure ? 'sure' : 'unsure', coverage: round(coverage) };
  }

  /**
   * The words worth searching for: no stop words, each word once (boosts added), and in a large
   * knowledge base only the rarer words: a word found in most articles barely changes the ranking
   * but makes lunr score thousands of documents. A message of common words only is searched by its
   * rarest two words, in titles.
   */
  private selectTerms(terms: readonly WeightedTerm[]): SelectedTerm[] {
    const merged = new Map<string, SelectedTerm>();
    for (const t of terms) {
      if (isStopWord(t.word)) continue;
      const key = stem(t.word);
      const seen = merged.get(key);
      if (seen) {
        seen.boost += t.boost;
        seen.synonym = seen.synonym && t.synonym;
      } else merged.set(key, { ...t, stem: key });
    }
    const all = [...merged.values()];
    const articles = this.titles.size;
    if (articles <= LARGE_KNOWLEDGE_BASE) return this.rarest(all, MAX_TERMS);
    const byRarity = all.map((t) => ({ t, df: this.documentFrequency(t.stem) })).sort((a, b) => a.df - b.df);
    const rare = byRarity.filter(({ df }) => df > 0 && df <= articles * COMMON_WORD_SHARE).map(({ t }) => t);
    if (rare.length) return rare;
    return byRarity.filter(({ df }) => df > 0).slice(0, FALLBACK_COMMON_WORDS).map(({ t }) => ({ ...t, common: true }));
  }

  /**
   * How much of the message the best article explains: the user's meaningful words, each
   * weighted by how rare it is across articles (a word no article uses weighs most), counting
   * a word as matched directly or through a synonym.
   */
  private coverageOf(query: AnalysedQuery, best: lunr.Index.Result): number {
    const matched = new Set(Object.keys(best.matchData.metadata));
    let total = 0;
    let hit = 0;
    query.words.forEach((word, i) => {
      if (isStopWord(word)) return;
      const weight = this.rarity(stem(word));
      total += weight;
      if (query.terms.some((t) => t.from === i && matched.has(stem(t.word)))) hit += weight;
    });
    return total ? hit / total : 0;
  }

  /** A long story's rarest words carry its meaning; its commonest add time, not accuracy. */
  private rarest(terms: SelectedTerm[], count: number): SelectedTerm[] {
    if (terms.length <= count) return terms;
    return [...terms].sort((a, b) => this.documentFrequency(a.stem) - this.documentFrequency(b.stem)).slice(0, count);
  }

  /** Inverse document frequency of a stemmed word over the articles. */
  private rarity(stemmed: string): number {
    return Math.log(1 + this.titles.size / (this.documentFrequency(stemmed) + 0.5));
  }

  /** How many articles use a stemmed word in any field (cached: the index never changes). */
  private documentFrequency(stemmed: string): number {
    let df = this.frequencyCache.get(stemmed);
    if (df === undefined) {
      const postings = (this.index as unknown as { invertedIndex: Record<string, Record<string, Record<string, unknown>>> }).invertedIndex[stemmed];
      const docs = new Set<string>();
      if (postings) for (const [field, refs] of Object.entries(postings)) if (field !== '_index') Object.keys(refs).forEach((r) => docs.add(r));
      df = docs.size;
      this.frequencyCache.set(stemmed, df);
    }
    return df;
  }

  /** Adds each article's best phrase score (scaled to the article scores) to its article score. */
  private combine(articleHits: lunr.Index.Result[], phraseHits: lunr.Index.Result[]): lunr.Index.Result[] {
    if (!articleHits.length) return articleHits;
    const bestPhrase = new Map<string, number>();
    for (const h of phraseHits) {
      const id = h.ref.slice(0, h.ref.lastIndexOf('#'));
      if (!bestPhrase.has(id)) bestPhrase.set(id, h.score);
    }
    const scale = phraseHits.length ? (articleHits[0].score / phraseHits[0].score) * this.tuning.phraseWeight : 0;
    return articleHits
      .map((h) => ({ ...h, score: h.score + (bestPhrase.get(h.ref) ?? 0) * scale }))
      .sort((a, b) => b.score - a.score);
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
