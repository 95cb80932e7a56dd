/**
 * The bot's own words, loaded from knowledge/responses.yaml and looked up by name, so wording
 * can be reviewed and changed without touching dialog code. Each entry may have an easy read form.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';
import { fillPlaceholders, PlaceholderValues } from './placeholders';

const messagesSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** An entry: its words, or standard words with an easy read form and a short form for SMS, where every segment costs. */
const entrySchema = z.union([messagesSchema, z.object({ standard: messagesSchema, easy: messagesSchema.optional(), sms: messagesSchema.optional() }).strict()]);
export const responsesSchema = z.record(z.string().regex(/^[a-z0-9_]+$/), entrySchema);

export interface Wording {
  easyRead?: boolean;
  /** The conversation is on SMS: an entry's short SMS form is used where it has one. */
  sms?: boolean;
  values?: PlaceholderValues;
}

const asList = (m: string | string[]): string[] => (Array.isArray(m) ? m : [m]);

export class Responses {
  private readonly entries: Map<string, { standard: string[]; easy?: string[]; sms?: string[] }>;

  constructor(raw: z.infer<typeof responsesSchema>, private readonly serviceValues: PlaceholderValues) {
    this.entries = new Map(
      Object.entries(raw).map(([key, entry]) =>
        typeof entry === 'string' || Array.isArray(entry)
          ? [key, { standard: asList(entry) }]
          : [key, { standard: asList(entry.standard), easy: entry.easy && asList(entry.easy), sms: entry.sms && asList(entry.sms) }],
      ),
    );
  }

  static load(serviceValues: PlaceholderValues, file = join(KNOWLEDGE_DIR, 'responses.yaml')): Responses {
    const parsed = responsesSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new Responses(parsed.data, serviceValues);
  }

  /** Every message of an entry, placeholders filled. */
  messages(key: string, wording: Wording = {}): string[] {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`No response named '${key}' in knowledge/responses.yaml`);
    const chosen = (wording.sms && entry.sms) || (wording.easyRead && entry.easy) || entry.standard;
    const values = { ...this.serviceValues, ...wording.values };
    return chosen.map((m) => fillPlaceholders(m, values));
  }

  /** A one-message entry as text (for button labels and single lines). */
  text(key: string, wording: Wording = {}): string {
    return this.messages(key, wording).join(' ');
  }

  /** Every button label (the choice_ entries), for reviewing and testing them. */
  choiceLabels(): { key: string; text: string }[] {
    return [...this.entries.keys()].filter((key) => key.startsWith('choice_')).map((key) => ({ key, text: this.text(key) }));
  }

  /** Every message in every form, for reviewing and testing all the bot's words (button labels and headings left out). */
  allMessages(values: PlaceholderValues = {}): { key: string; text: string }[] {
    return [...this.entries.entries()]
      .filter(([key]) => !key.startsWith('choice_') && key !== 'section_heading')
      .flatMap(([key, entry]) =>
      [...entry.standard, ...(entry.easy ?? []), ...(entry.sms ?? [])].map((m) => ({ key, text: fillPlaceholders(m, { ...this.serviceValues, ...values }) })),
    );
  }
}
