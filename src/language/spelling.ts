/**
 * Mends misspelt words against a known vocabulary. Candidates come from a symmetric-delete
 * index (words with one letter removed), so lookups stay fast with large vocabularies; the
 * edit distance itself comes from fastest-levenshtein.
 */
import { distance } from 'fastest-levenshtein';
import { isEnglishWord } from './englishWords';

/**
 * Longer "words" are never mended: no word people misspell is this long, and the candidate keys
 * grow with the square of the length (a 1,000-letter run once took the server down).
 */
export const MAX_MENDABLE_LENGTH = 24;

export interface SpellingOptions {
  /** Shortest word to mend; shorter words are too easy to confuse. */
  minLength?: number;
  /** Words at least this long may be two slips away from the known word (default 8). */
  twoSlipsFrom?: number;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Two adjacent letters swapped ("recieve") counts as one slip, not two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

export class SpellingCorrector {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly minLength: number;
  private readonly twoSlipsFrom: number;

  /** @param frequencies each known word and how common it is; the commoner wins a tie. */
  constructor(private readonly frequencies: ReadonlyMap<string, number>, options: SpellingOptions = {}) {
    this.minLength = options.minLength ?? 4;
    this.twoSlipsFrom = options.twoSlipsFrom ?? 8;
    for (const word of frequencies.keys()) {
      if (word.length < this.minLength - 1) continue;
      const keys = new Set([word, ...deletions(word)]);
      if (word.length >= this.twoSlipsFrom - 1) for (const d of deletions(word)) deletions(d).forEach((k) => keys.add(k));
      for (const key of keys) {
        const list = this.byDeletion.get(key);
        if (list) list.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.frequencies.has(word);
  }

  /** The nearest known word when `word` is neither known nor a real English word; otherwise undefined. */
  correct(word: string): string | undefined {
    if (word.length < this.minLength || word.length > MAX_MENDABLE_LENGTH || /[^a-z]/.test(word) || this.isKnown(word) || isEnglishWord(word)) return undefined;
    const maxDistance = word.length >= this.twoSlipsFrom ? 2 : 1;
    const keys = new Set([word, ...deletions(word)]);
    if (maxDistance > 1) for (const d of deletions(word)) deletions(d).forEach((k) => keys.add(k));
    let best: { word: string; cost: number; freq: number } | undefined;
    for (const key of keys) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        const cost = isTransposition(word, candidate) ? 1 : distance(word, candidate);
        if (cost > maxDistance) continue;
        const freq = this.frequencies.get(candidate) ?? 0;
        if (!best || cost < best.cost || (cost === best.cost && freq > best.freq)) best = { word: candidate, cost, freq };
      }
    }
    return best?.word;
  }
}
