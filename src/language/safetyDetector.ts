/**
 * Flags messages that suggest danger now (a child being hurt, suicide or self-harm, violence
 * happening or about to, a missing child, a medical emergency). It reads through typos and
 * text-speak, and is not fooled by talk of the past, legal terms or idioms. Rules live in
 * safetyRules.ts; nothing is fetched at run time.
 */
import { SpellingCorrector } from './spelling';
import { isEnglishWord } from './englishWords';
import { DangerKind, HARMLESS_PHRASES, HYPOTHETICAL, PAST_TIME, PRESENT_TIME, RECOVERED, SAFETY_RULES } from './safetyRules';

export interface SafetyVerdict {
  crisis: boolean;
  kinds: DangerKind[];
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\bwon'?t\b/g, 'will not'],
  [/\bcan'?t\b/g, 'cannot'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(i|you|he|she|it|we|they|that|there|who)'ll\b/g, '$1 will'],
  [/\bi'm\b/g, 'i am'],
  [/\b(\w+)'re\b/g, '$1 are'],
  [/\b(\w+)'ve\b/g, '$1 have'],
  [/\b(i|you|he|she|we|they)'d\b/g, '$1 would'],
  [/\b(he|she|it|that|there|who|what|where)'s\b/g, '$1 is'],
  [/'s\b/g, ''],
  [/'/g, ''],
];

/** Text-speak and slang that matter for safety but not for search. */
const SAFETY_SLANG: Record<string, string> = {
  kms: 'kill myself',
  kys: 'kill yourself',
  unalive: 'kill',
  rn: 'right now',
  atm: 'at the moment',
  '2nite': 'tonight',
  tonite: 'tonight',
  im: 'i am',
  ive: 'i have',
  hes: 'he is',
  shes: 'she is',
  dont: 'do not',
  wont: 'will not',
  didnt: 'did not',
  hasnt: 'has not',
  havent: 'have not',
  isnt: 'is not',
  doesnt: 'does not',
  gonna: 'going to',
  wanna: 'want to',
  kil: 'kill',
  cnt: 'cannot',
  ystrdy: 'yesterday',
  sumthin: 'something',
  summat: 'something',
  // Scottish and Northern English forms.
  masel: 'myself',
  mysel: 'myself',
  meself: 'myself',
  hersel: 'herself',
  hissel: 'himself',
  cannae: 'cannot',
  canny: 'cannot',
  cant: 'cannot',
  dinnae: 'do not',
  didnae: 'did not',
  wullnae: 'will not',
  willnae: 'will not',
  isnae: 'is not',
  gonnae: 'going to',
  wantae: 'want to',
  nae: 'no',
  mair: 'more',
  heid: 'head',
  wean: 'child',
  weans: 'children',
  bairn: 'child',
  bairns: 'children',
  lass: 'girl',
  lad: 'boy',
  ma: 'my',
  mi: 'my',
};

/** Where one clause ends and another begins, for telling past from present. */
const CLAUSE_BREAK = /,| but | and now | now | and then | then | so /g;

/** Someone with a legal role taking a child is a worry, not an abduction. */
const AUTHORITY = /\b(?:social|council|court|judge|police|foster|care|services|sw|ss|cafcass)\b/;

/** "hurtin", "movin": a dropped g, put back when that makes a real word. */
function restoreDroppedG(word: string): string {
  return word.endsWith('in') && !isEnglishWord(word) && isEnglishWord(`${word}g`) ? `${word}g` : word;
}

export class SafetyDetector {
  private readonly slang: Map<string, string>;
  private readonly spelling: SpellingCorrector;

  /** @param textspeak the knowledge base's text-speak list (vocabulary.yaml), used as well as our own. */
  constructor(textspeak: Readonly<Record<string, string>> = {}) {
    this.slang = new Map(Object.entries({ ...textspeak, ...SAFETY_SLANG }));
    const dangerWords = new Map<string, number>();
    for (const { pattern } of SAFETY_RULES) for (const w of pattern.source.match(/[a-z]{4,}/g) ?? []) dangerWords.set(w, 1);
    this.spelling = new SpellingCorrector(dangerWords, { minLength: 5, twoSlipsFrom: 6 });
  }

  normalise(text: string): string {
    const seen = new Map<string, string>();
    let t = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
    for (const [pattern, replacement] of CONTRACTIONS) t = t.replace(pattern, replacement);
    return t
      .split(/([.!?;\n]+)/)
      .map((part) =>
        part
          .replace(/\b(\d+) ?(?:yrs?|years?|yo)(?: ?old)?\b/g, '$1 year old')
          .replace(/[a-z0-9&/]+/g, (word) => {
            // Each distinct word is mended once per message: a long paste repeats most of its words.
            let mended = seen.get(word);
            if (mended === undefined) {
              mended = this.slang.get(word) ?? this.spelling.correct(restoreDroppedG(word)) ?? restoreDroppedG(word);
              seen.set(word, mended);
            }
            return mended;
          })
          .replace(/\s+/g, ' '),
      )
      .join('');
  }

  check(text: string): SafetyVerdict {
    const kinds = new Set<DangerKind>();
    const checked = new Set<string>();
    for (const raw of this.normalise(text).split(/[.!?;\n]+/)) {
      // A sentence said twice is no more dangerous than once; one without letters says nothing.
      if (checked.has(raw) || !/[a-z]/.test(raw)) continue;
      checked.add(raw);
      let sentence = ` ${raw.trim()} `;
      for (const phrase of HARMLESS_PHRASES) sentence = sentence.replace(phrase, ' ');
      const hypothetical = HYPOTHETICAL.test(sentence);
      const authority = AUTHORITY.test(sentence);
      const recovered = RECOVERED.test(sentence);
      for (const rule of SAFETY_RULES) {
        const match = rule.pattern.exec(sentence);
        if (!match) continue;
        if (rule.notWhenAuthority && authority) continue;
        if (rule.defusedByPast && (hypothetical || recovered || isHistory(clausesAround(sentence, match.index, match.index + match[0].length)))) continue;
        kinds.add(rule.kind);
      }
    }
    return { crisis: kinds.size > 0, kinds: [...kinds] };
  }
}

/** The clauses a match touches: "he hit me two years ago, now he is back" keeps each time apart. */
function clausesAround(sentence: string, start: number, end: number): string {
  const bounds = [0, ...[...sentence.matchAll(CLAUSE_BREAK)].map((m) => m.index ?? 0), sentence.length];
  const from = Math.max(...bounds.filter((b) => b <= start));
  const to = Math.min(...bounds.filter((b) => b >= end));
  return sentence.slice(from, to);
}

function isHistory(clause: string): boolean {
  return PAST_TIME.test(clause) && !PRESENT_TIME.test(clause);
}
