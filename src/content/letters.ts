/**
 * Template letters a family can send (knowledge/letters/*.md), filled in from what the user said
 * in the conversation. What the bot does not know stays a visible blank such as "[your name]".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';
import { sourceSchema } from './articleSchema';
import { splitFrontMatter } from './frontMatter';
import { fillPlaceholders, placeholdersIn } from './placeholders';

/** Everything a letter may ask for, and the blank shown when the bot does not know it. */
export const LETTER_FIELDS = {
  today: '[today\'s date]',
  yourName: '[your name]',
  yourAddress: '[your address]',
  childName: '[your child\'s name]',
  childDateOfBirth: '[your child\'s date of birth]',
  socialWorkerName: '[the social worker\'s name]',
  councilName: '[the council\'s name]',
  meetingName: '[the meeting, for example the child protection conference]',
  meetingDate: '[the date of the meeting]',
  reportName: '[the name of the report]',
  complaintDetails: '[what happened, with dates]',
} as const;

export type LetterField = keyof typeof LETTER_FIELDS;
export type LetterValues = Partial<Record<LetterField, string>>;

export const JOURNEY_IDS = ['child-protection', 'court', 'kinship', 'assessment', 'section-20', 'complaint'] as const;
export type JourneyId = (typeof JOURNEY_IDS)[number];

export const letterFrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(3).max(80),
    button: z.string().min(2).max(20),
    /** The journeys whose summaries offer this letter. */
    fits: z.array(z.enum(JOURNEY_IDS)).min(1),
    // A letter cites its sources as a whole: no sentence marks, so no keys.
    sources: z.array(sourceSchema.partial({ key: true })).min(1),
    reviewed: z.iso.date(),
  })
  .strict();

export interface Letter extends z.infer<typeof letterFrontMatterSchema> {
  /** The letter text with {{field}} placeholders. */
  template: string;
}

export function parseLetter(text: string, file: string): Letter {
  const { data, body } = splitFrontMatter(text, file);
  const parsed = letterFrontMatterSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  const unknown = placeholdersIn(body).filter((p) => !(p in LETTER_FIELDS));
  if (unknown.length) throw new Error(`${file}: unknown placeholder(s) ${unknown.join(', ')}; use one of ${Object.keys(LETTER_FIELDS).join(', ')}`);
  return { ...parsed.data, template: body };
}

export function loadLetters(dir = join(KNOWLEDGE_DIR, 'letters')): Letter[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseLetter(readFileSync(join(dir, f), 'utf8'), join('knowledge', 'letters', f)));
}

/** The letter with what is known filled in and blanks for the rest. */
export function fillLetter(letter: Letter, values: LetterValues): string {
  const all: Record<string, string> = { ...LETTER_FIELDS };
  for (const [k, v] of Object.entries(values)) if (v) all[k] = v;
  return fillPlaceholders(letter.template, all);
}
