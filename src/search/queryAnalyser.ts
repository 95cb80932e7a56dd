/**
 * Reads a message the way an adviser would skim it: text-speak expanded, spelling mended,
 * and everyday words ("the social", "SGO", "nan") joined by the knowledge base's own words.
 */
import { SpellingCorrector } from '../language/spelling';
import { tokenise } from './tokenise';
import { Vocabulary } from './vocabulary';

export interface WeightedTerm {
  word: string;
  boost: number;
  /** Index of the user's word this term came from (itself, or a synonym of a phrase starting there). */
  from: number;
  /** Added as a synonym, not typed by the user. */
  synonym?: boolean;
}

export interface AnalysedQuery {
  /** The user's own words after text-speak and spelling fixes. */
  words: string[];
  /** Words to search for, with the user's own words weighted above added synonyms. */
  terms: WeightedTerm[];
}

const MAX_PHRASE = 4;
const SYNONYM_BOOST = 0.6;

export class QueryAnalyser {
  private readonly textspeak: Map<string, string[]>;
  private readonly synonyms: Map<string, string[]>;

  constructor(vocabulary: Vocabulary, private readonly spelling: SpellingCorrector) {
    this.textspeak = new Map(Object.entries(vocabulary.textspeak).map(([k, v]) => [tokenise(k).join(' '), tokenise(v)]));
    this.synonyms = new Map(Object.entries(vocabulary.synonyms).map(([k, v]) => [tokenise(k).join(' '), tokenise(v)]));
  }

  analyse(text: string): AnalysedQuery {
    const words = tokenise(text)
      .flatMap((w) => this.textspeak.get(w) ?? [w])
      .map((w) => (this.synonyms.has(w) ? w : this.spelling.correct(w) ?? w));
    const terms: WeightedTerm[] = words.map((word, from) => ({ word, boost: 1, from }));
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(MAX_PHRASE, words.length - i); n >= 1; n--) {
        const expansion = this.synonyms.get(words.slice(i, i + n).join(' '));
        if (expansion) {
          for (let k = i; k < i + n; k++) terms.push(...expansion.map((word) => ({ word, boost: SYNONYM_BOOST / n, from: k, synonym: true })));
          break;
        }
      }
    }
    return { words, terms };
  }

  /** Every word the analyser itself may produce, so spelling never "corrects" them away. */
  vocabularyWords(): string[] {
    return [...this.textspeak.values(), ...this.synonyms.values(), ...[...this.synonyms.keys()].map((k) => k.split(' '))].flat();
  }
}
