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
  cant: 'cannot',
  didnt: 'did not',
  hasnt: 'has not',
  havent: 'have not',
  isnt: 'is not',
  doesnt: 'does not',
  gonna: 'going to',
  wanna: 'want to',
  kil: 'kill',
};

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
    this.spelling = new SpellingCorrector(dangerWords, { minLength: 5 });
  }

  normalise(text: string): string {
    let t = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
    for (const [pattern, replacement] of CONTRACTIONS) t = t.replace(pattern, replacement);
    return t
      .split(/([.!?;\n]+)/)
      .map((part) =>
        part
          .replace(/\b(\d+) ?(?:yrs?|years?|yo)(?: ?old)?\b/g, '$1 year old')
          .replace(/[a-z0-9&/]+/g, (word) => this.slang.get(word) ?? this.spelling.correct(restoreDroppedG(word)) ?? restoreDroppedG(word))
          .replace(/\s+/g, ' '),
      )
      .join('');
  }

  check(text: string): SafetyVerdict {
    const kinds = new Set<DangerKind>();
    for (const raw of this.normalise(text).split(/[.!?;\n]+/)) {
      let sentence = ` ${raw.trim()} `;
      for (const phrase of HARMLESS_PHRASES) sentence = sentence.replace(phrase, ' ');
      const past = (PAST_TIME.test(sentence) && !PRESENT_TIME.test(sentence)) || RECOVERED.test(sentence);
      const authority = AUTHORITY.test(sentence);
      const hypothetical = HYPOTHETICAL.test(sentence);
      for (const rule of SAFETY_RULES) {
        if (rule.defusedByPast && (past || hypothetical)) continue;
        if (rule.notWhenAuthority && authority) continue;
        if (rule.pattern.test(sentence)) kinds.add(rule.kind);
      }
    }
    return { crisis: kinds.size > 0, kinds: [...kinds] };
  }
}
