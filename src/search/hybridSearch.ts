/**
 * Search as the bot uses it: lunr for the exact words (field boosts, vocabulary, spelling), sentence
 * embeddings for the meaning, and a word classifier for the words families use for each topic, fused
 * into one ranking by a learned re-ranker, with a calibrated probability that the top article
 * is right. It says "sure" only when that probability clears the trained threshold, "likely" when it
 * clears the lower one (the bot answers and offers the next few), "none" for messages the knowledge base
 * cannot answer (off-topic, or another country's law), and otherwise "unsure" with the closest few.
 * When a sure message also holds a second need, it names that article too.
 */
import { isEnglishWord } from '../language/englishWords';
import { hasWords } from '../safety/safetyText';
import { SentenceEncoder } from '../safety/sentenceEncoder';
import { probability } from './calibration';
import { meaningText, Normaliser } from './meaningText';
import { OnTopicClassifier } from './onTopicClassifier';
import { OutOfScope } from './outOfScope';
import { querySignals, rankArticles } from './ranking';
import { SearchModel } from './searchModel';
import { Confidence, isStopWord, SearchIndex, SearchOutcome, SearchResult } from './searchIndex';
import { SemanticIndex, unit } from './semanticIndex';
import { tokenise } from './tokenise';
import { TopicClassifier } from './topicClassifier';
import { WordClassifier } from './wordClassifier';

export interface HybridOutcome extends SearchOutcome {
  /** Calibrated probability that the first result is the right article (0 when there is none). */
  probability: number;
  /** Why there is no answer: nothing here fits, or the message is about another country. */
  reason?: 'off-topic' | 'elsewhere';
  /**
   * A second article the message also asks about: one clause of it is about the first result and
   * another about this one. The bot answers the first and offers this, even when not sure overall.
   */
  also?: string;
}

/** lunr results the fusion looks at. */
const KEYWORD_CANDIDATES = 10;
const CLAUSE_BREAK = /[.!?;\n]+|\b(?:and also|and now|but now|also|as well as|plus)\b/i;
const MIN_CLAUSE_WORDS = 3;
/** Real words a message needs before search calls it off-topic rather than not understood. */
const MIN_OFF_TOPIC_WORDS = 2;
/** Any short text: embedding it once proves the encoder is loaded and working. */
const WARM_UP_TEXT = 'hello';

export class HybridSearch {
  private readonly positions: Map<string, number>;
  private readonly topics: TopicClassifier;
  private readonly words: WordClassifier;
  private readonly onTopic: OnTopicClassifier;
  /** Whether the encoder and the meaning index are loaded. */
  private meaningReady = false;
  /** Whether a search before then answers from lunr alone instead of waiting. */
  private answerWhileLoading = false;

  constructor(
    readonly keyword: SearchIndex,
    private readonly articles: readonly { id: string; title: string }[],
    private readonly semantic: () => Promise<SemanticIndex>,
    private readonly model: SearchModel,
    private readonly encoder: SentenceEncoder,
    private readonly normalise: Normaliser,
    private readonly outOfScope: OutOfScope,
  ) {
    this.positions = new Map(articles.map((a, i) => [a.id, i]));
    this.topics = TopicClassifier.fromData(model.topics);
    this.words = WordClassifier.fromData(model.words);
    this.onTopic = OnTopicClassifier.fromData(model.onTopicClassifier);
  }

  /** Builds the meaning index and loads the encoder now rather than on the first message. */
  async warm(): Promise<void> {
    await Promise.all([this.semantic(), this.encoder.embed([WARM_UP_TEXT])]);
    this.meaningReady = true;
  }

  /**
   * Loads the meaning side without making anyone wait for it: until it is ready, lunr alone answers
   * (the server listens at once, and the encoder's load is the slow part of starting).
   */
  warmInBackground(): Promise<void> {
    this.answerWhileLoading = true;
    return this.warm();
  }

  async search(text: string, limit = 5): Promise<HybridOutcome> {
    const keyword = this.keyword.search(text, KEYWORD_CANDIDATES);
    if (this.answerWhileLoading && !this.meaningReady) return this.keywordAlone(text, keyword, limit);
    const meaning = meaningText(text, this.normalise);
    // Numbers, emoji or symbols alone carry no meaning to compare: lunr's view stands, never sure.
    if (!hasWords(meaning)) return { ...keyword, results: keyword.results.slice(0, limit), confidence: keyword.results.length ? 'unsure' : 'none', probability: 0 };
    if (this.outOfScope.elsewhere(text)) return nothing('elsewhere');
    const [embedding] = await this.encoder.embed([meaning]);
    const unitEmbedding = unit(embedding);
    const topic = this.topics.logProbabilities(unitEmbedding);
    const signals = querySignals((await this.semantic()).scores(unitEmbedding), topic, this.words.logProbabilities(meaning), keyword, this.positions, this.onTopic.logOdds(unitEmbedding));
    const ranking = rankArticles(signals, this.model.fusion);
    // Too few real words to say what it is about ("zzzz", "hello"): not understood rather than off-topic.
    if (probability(this.model.onTopic.model, ranking.evidence) < this.model.onTopic.threshold) return nothing(this.saysSomething(text) ? 'off-topic' : undefined);
    const p = probability(this.model.sure.model, ranking.evidence);
    const results: SearchResult[] = ranking.order.slice(0, limit).map((i) => ({ id: this.articles[i].id, title: this.articles[i].title, score: round(ranking.fused[i]) }));
    const confidence: Confidence = p >= this.model.sure.threshold ? 'sure' : p >= this.model.likely.threshold ? 'likely' : 'unsure';
    const also = this.secondNeed(text, ranking.order.map((i) => this.articles[i].id), confidence === 'sure');
    return { results, confidence, coverage: keyword.coverage, probability: round(p), ...(also && { also }) };
  }

  /**
   * Searches each part of a long message (one at a time: they share the encoder) and keeps the most
   * telling: one search is sure of; else one whose words alone name a topic (lunr is sure), since a
   * vague part can seem likely to be about something ("things have been hard and I do not know who to
   * ask") where the part that names the topic is not; then the one search is surest of, then the one
   * more of whose words lunr knows. When it is still not sure, the
   * sentences of that part whose words alone name a topic are searched on their own, once, and kept
   * when search is sure of them (or likely, where the whole was unsure): the rest of a long story
   * dilutes their meaning.
   */
  async mostTelling(parts: readonly string[], limit = 5): Promise<HybridOutcome> {
    let best: { part: string; outcome: HybridOutcome; rank: number[] } | undefined;
    for (const part of parts) {
      const outcome = await this.search(part, limit);
      const lunrSure = this.keyword.search(part, 1).confidence === 'sure';
      const rank = [Number(outcome.confidence === 'sure'), Number(lunrSure), CONFIDENCE_RANK[outcome.confidence], outcome.coverage];
      if (!best || isGreater(rank, best.rank)) best = { part, outcome, rank };
    }
    if (!best) return nothing();
    const telling = best.outcome.confidence === 'sure' ? [] : this.clauses(best.part).filter((c) => this.keyword.search(c, 1).confidence === 'sure');
    if (telling.length && telling.join('. ') !== best.part) {
      const narrowed = await this.search(telling.join('. '), limit);
      if (narrowed.confidence === 'sure' || (narrowed.confidence === 'likely' && best.outcome.confidence === 'unsure')) return narrowed;
    }
    return best.outcome;
  }

  /** lunr's own view, with its own confidence, and the places outside England still recognised. */
  private keywordAlone(text: string, keyword: SearchOutcome, limit: number): HybridOutcome {
    if (this.outOfScope.elsewhere(text)) return nothing('elsewhere');
    const also = keyword.results.length ? this.secondNeed(text, keyword.results.map((r) => r.id), keyword.confidence === 'sure') : undefined;
    return { ...keyword, results: keyword.results.slice(0, limit), probability: 0, ...(also && { also }) };
  }

  /** The sentences and clauses of a message long enough to be about something. */
  private clauses(text: string): string[] {
    return text.split(CLAUSE_BREAK).filter((c) => (c?.match(/\p{L}+/gu)?.length ?? 0) >= MIN_CLAUSE_WORDS);
  }

  private saysSomething(text: string): boolean {
    return tokenise(text).filter((w) => w.length > 2 && isEnglishWord(w) && !isStopWord(w)).length >= MIN_OFF_TOPIC_WORDS;
  }

  /**
   * Another article among the ranked few that a clause of the message is clearly about (lunr alone is
   * sure of that clause). When search is not sure overall, it counts only if another clause is about the
   * main result: then the doubt between the two comes from the message asking both.
   */
  private secondNeed(text: string, ranked: readonly string[], sure: boolean): string | undefined {
    const main = ranked[0];
    const clauses = this.clauses(text);
    if (clauses.length < 2) return undefined;
    const needs = clauses.flatMap((clause) => {
      const found = this.keyword.search(clause, 1);
      return found.confidence === 'sure' ? [found.results[0].id] : [];
    });
    const other = needs.find((id) => id !== main && ranked.includes(id));
    return other && (sure || needs.includes(main)) ? other : undefined;
  }
}

const CONFIDENCE_RANK: Record<Confidence, number> = { none: 0, unsure: 1, likely: 2, sure: 3 };

/** Whether one list of ranks beats another, comparing in order (the first that differs decides). */
function isGreater(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, j) => x !== b[j]);
  return i >= 0 && a[i] > b[i];
}

function nothing(reason?: HybridOutcome['reason']): HybridOutcome {
  return { results: [], confidence: 'none', coverage: 0, probability: 0, ...(reason && { reason }) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
