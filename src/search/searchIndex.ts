/**
 * Full-text search over the articles with lunr: field boosts, stemming, spelling repair and
 * everyday synonyms. It also says how sure it is, so the bot can ask instead of guessing.
 */
import lunr from 'lunr';
import { AnalysedQuery, QueryAnalyser } from './queryAnalyser';
import { SpellingCorrector } from '../language/spelling';
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

const FIELD_BOOSTS = { title: 6, phrases: 4, summary: 2, body: 1 } as const;
/** Tuned on the development and extra evaluation sets (see test/search.eval.test.ts). */
const SURE_MIN_COVERAGE = 0.34;
const SURE_MIN_MARGIN = 0.08;

const stem = (word: string): string => lunr.stemmer(new lunr.Token(word, {})).toString();
const isStopWord = (word: string): boolean => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;

function stripPlaceholders(text: string): string {
  return text.replace(/\{\{[^}]*\}\}/g, ' ');
}

export class SearchIndex {
  private readonly index: lunr.Index;
  private readonly titles: Map<string, string>;
  readonly analyser: QueryAnalyser;

  constructor(articles: readonly SearchableArticle[], vocabulary: Vocabulary) {
    this.titles = new Map(articles.map((a) => [a.id, a.title]));
    this.index = lunr(function build() {
      this.ref('id');
      for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
      for (const a of articles) {
        this.add({ id: a.id, title: a.title, summary: stripPlaceholders(a.summary), body: stripPlaceholders(a.body), phrases: a.phrases.join(' . ') });
      }
    });
    const frequencies = new Map<string, number>();
    const count = (word: string) => frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    for (const a of articles) [a.title, a.summary, a.body, ...a.phrases].flatMap((t) => tokenise(stripPlaceholders(t))).forEach(count);
    const bootstrap = new QueryAnalyser(vocabulary, new SpellingCorrector(new Map()));
    bootstrap.vocabularyWords().forEach(count);
    this.analyser = new QueryAnalyser(vocabulary, new SpellingCorrector(frequencies));
  }

  search(text: string, limit = 5): SearchOutcome {
    const query = this.analyser.analyse(text);
    const terms = query.terms.filter((t) => !isStopWord(t.word));
    if (!terms.length) return { results: [], confidence: 'none', coverage: 0 };
    const hits = this.index.query((q) => {
      for (const t of terms) q.term(t.word, { boost: t.boost, usePipeline: true });
    });
    const results = hits.slice(0, limit).map((h) => ({ id: h.ref, title: this.titles.get(h.ref) ?? h.ref, score: round(h.score) }));
    if (!results.length) return { results, confidence: 'none', coverage: 0 };
    const coverage = coverageOf(query, hits[0]);
    const margin = hits.length > 1 ? (hits[0].score - hits[1].score) / hits[0].score : 1;
    const confidence: Confidence = coverage >= SURE_MIN_COVERAGE && margin >= SURE_MIN_MARGIN ? 'sure' : 'unsure';
    return { results, confidence, coverage: round(coverage) };
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
