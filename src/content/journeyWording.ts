/**
 * The words of the guided journeys, from knowledge/journeys.yaml, validated at load: every text
 * may have an easy read form, and every button label fits on a button.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';
import { JOURNEY_IDS, JourneyId } from './letters';
import { fillPlaceholders, PlaceholderValues } from './placeholders';

const text = z.union([z.string().min(1), z.object({ standard: z.string().min(1), easy: z.string().min(1).optional() }).strict()]);
const texts = z.union([z.array(z.string().min(1)), z.object({ standard: z.array(z.string().min(1)), easy: z.array(z.string().min(1)).optional() }).strict()]);
const label = z.string().min(1).max(20);

const questionSchema = z.object({ text, choices: z.record(z.string(), label).optional() }).strict();

const journeySchema = z
  .object({
    button: label,
    triggers: z.array(z.string().min(2)).min(1),
    questions: z.record(z.string(), questionSchema),
    events: z.record(z.string(), z.string()).optional(),
    before: texts.optional(),
  })
  .catchall(z.union([text, texts, z.record(z.string(), text)]));

export const journeyWordingSchema = z
  .object({
    common: z.record(z.string(), z.union([text, z.array(z.string())])),
    menu: z.object({ prompt: text, ask_question: label }).strict(),
    journeys: z.object(Object.fromEntries(JOURNEY_IDS.map((id) => [id, journeySchema])) as Record<JourneyId, typeof journeySchema>).strict(),
  })
  .strict();

export type JourneyWordingData = z.infer<typeof journeyWordingSchema>;
type Text = z.infer<typeof text>;
type Texts = z.infer<typeof texts>;

export class JourneyWording {
  constructor(readonly data: JourneyWordingData, private readonly serviceValues: PlaceholderValues) {}

  static load(serviceValues: PlaceholderValues, file = join(KNOWLEDGE_DIR, 'journeys.yaml')): JourneyWording {
    const parsed = journeyWordingSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new JourneyWording(parsed.data, serviceValues);
  }

  /** One text, in easy read when asked for and available, with placeholders filled. */
  pick(entry: Text | undefined, easyRead: boolean | undefined, values: PlaceholderValues = {}): string {
    if (entry === undefined) throw new Error('Missing journey wording');
    const chosen = typeof entry === 'string' ? entry : (easyRead && entry.easy) || entry.standard;
    return fillPlaceholders(chosen, { ...this.serviceValues, ...values });
  }

  pickAll(entry: Texts | undefined, easyRead: boolean | undefined): string[] {
    if (entry === undefined) return [];
    const chosen = Array.isArray(entry) ? entry : (easyRead && entry.easy) || entry.standard;
    return chosen.map((t) => fillPlaceholders(t, this.serviceValues));
  }

  common(key: string, easyRead?: boolean, values?: PlaceholderValues): string {
    const entry = this.data.common[key];
    if (entry === undefined || Array.isArray(entry)) throw new Error(`No common journey text '${key}' in knowledge/journeys.yaml`);
    return this.pick(entry, easyRead, values);
  }

  journey(id: JourneyId) {
    return this.data.journeys[id];
  }

  /** A journey's own text (a dotted path such as "next.none"), or failing that a common one. */
  extra(id: JourneyId, key: string, easyRead?: boolean): string {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], this.data.journeys[id]);
    return found === undefined ? this.common(key, easyRead) : this.pick(found as Text, easyRead);
  }

  /**
   * Every message built from these words, as the user sees it on SMS (a question with its numbered
   * choices and the hint, a date line with an event name), for reviewing and readability tests.
   * Button labels and headings are parts of messages, not messages.
   */
  allMessages(easyRead = false, numberedHint = ''): string[] {
    const sample = { date: 'Tuesday 1 December 2026', days: '6' };
    const numbered = (labels: string[]) => labels.map((l, i) => `${i + 1}. ${l}`);
    const out: string[] = [];
    for (const [key, entry] of Object.entries(this.data.common)) {
      if (Array.isArray(entry) || isFragment(key)) continue;
      if (/^date_line/.test(key)) continue;
      out.push(this.pick(entry, easyRead, sample));
    }
    const menu = [...JOURNEY_IDS.map((id) => this.data.journeys[id].button), this.data.menu.ask_question];
    out.push([this.pick(this.data.menu.prompt, easyRead), ...numbered(menu), numberedHint].join('\n'));
    for (const id of JOURNEY_IDS) {
      const journey = this.data.journeys[id];
      for (const question of Object.values(journey.questions)) {
        const labels = [...Object.values(question.choices ?? {}), this.common('dont_know')];
        out.push([this.pick(question.text, easyRead), ...numbered(labels), numberedHint].join('\n'));
      }
      for (const event of Object.values(journey.events ?? {})) {
        for (const key of ['date_line', 'date_line_one', 'date_line_today']) out.push(this.common(key, easyRead, { ...sample, event }));
      }
      out.push(...this.pickAll(journey.before, easyRead));
      for (const [key, value] of Object.entries(journey)) {
        if (['button', 'triggers', 'questions', 'events', 'before'].includes(key) || isFragment(key)) continue;
        const texts = typeof value === 'object' && !Array.isArray(value) && !('standard' in value) ? Object.values(value) : [value];
        for (const t of texts) out.push(this.pick(t as Text, easyRead));
      }
    }
    return out;
  }
}

/** Labels and headings: parts of a message, read together with what they label. */
function isFragment(key: string): boolean {
  return /^(choice_|heading_)|_heading$/.test(key) || ['dont_know', 'yes', 'no', 'summary_title', 'date_hint', 'skip_words'].includes(key);
}
