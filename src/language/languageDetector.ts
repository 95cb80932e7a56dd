/**
 * Tells when a message is written in a language other than English, among those families in
 * England often use (knowledge/languages.yaml), so the bot can say honestly that it helps only in
 * English for now and give one line in the family's language. Detection is franc's (trigram
 * profiles, maintained, offline, 150 KB), limited to English and the listed languages, which makes
 * short messages far more reliable. It errs towards English: text-speak, names and short replies
 * stay English.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { francAll } from 'franc-min';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { fillPlaceholders, PlaceholderValues } from '../content/placeholders';
import { KNOWLEDGE_DIR } from '../paths';
import { isEnglishWord } from './englishWords';

const languagesSchema = z
  .object({
    english_reply: z.string().min(1),
    languages: z.record(z.string().regex(/^[a-z]{3}$/, 'an ISO 639-3 code'), z.object({ name: z.string().min(2), checked: z.boolean(), line: z.string().min(10) }).strict()),
  })
  .strict();

export interface OtherLanguage {
  code: string;
  name: string;
  /** The bot's English words, then the line in the family's language. */
  reply: string[];
}

/** Shorter messages ("ok", "hi", a name) say too little to tell a language. */
const MIN_LETTERS = 12;
/** How much better than English another language must score (franc's scores are relative, 1 is the best). */
const ENGLISH_BELOW = 0.8;
/** Latin-script text where this share of the words are English words is English, however short. */
const ENGLISH_WORD_SHARE = 0.5;
const NON_LATIN = /[\u0600-\u06ff\u0980-\u09ff\u0a00-\u0a7f\u0400-\u04ff]/;

export class LanguageDetector {
  private readonly candidates: string[];

  /** @param englishSlang text-speak and informal words that count as English (vocabulary.yaml's text-speak). */
  constructor(
    private readonly data: z.infer<typeof languagesSchema>,
    private readonly values: PlaceholderValues,
    private readonly englishSlang: ReadonlySet<string> = new Set(),
  ) {
    this.candidates = ['eng', 'sco', ...Object.keys(data.languages)];
  }

  static load(values: PlaceholderValues, englishSlang: Iterable<string> = [], file = join(KNOWLEDGE_DIR, 'languages.yaml')): LanguageDetector {
    const parsed = languagesSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new LanguageDetector(parsed.data, values, new Set(englishSlang));
  }

  /** The listed language the message is written in, or undefined for English (or too little to tell). */
  detect(text: string): OtherLanguage | undefined {
    const sample = text.slice(0, 500);
    const letters = sample.replace(/[^\p{L}]/gu, '').length;
    const nonLatin = NON_LATIN.test(sample);
    if (letters < (nonLatin ? 3 : MIN_LETTERS)) return undefined;
    // Trigrams alone take short English ("legal aid solicitor") for Romanian; English words settle it.
    if (!nonLatin && this.englishShare(sample) >= ENGLISH_WORD_SHARE) return undefined;
    const scores = francAll(sample, { only: this.candidates, minLength: 3 });
    const [best] = scores;
    if (!best || best[0] === 'und' || best[0] === 'eng' || best[0] === 'sco') return undefined;
    const english = scores.find(([code]) => code === 'eng')?.[1] ?? 0;
    if (!nonLatin && english >= ENGLISH_BELOW) return undefined;
    const language = this.data.languages[best[0]];
    return { code: best[0], name: language.name, reply: [this.data.english_reply, fillPlaceholders(language.line, this.values)] };
  }

  /** The share of a text's words that are English words, text-speak included. */
  private englishShare(text: string): number {
    const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
    if (!words.length) return 1;
    return words.filter((w) => isEnglishWord(w) || this.englishSlang.has(w)).length / words.length;
  }
}
