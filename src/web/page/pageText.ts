/**
 * The webchat page's words, from knowledge/webchat-page.yaml (validated with zod when the server
 * starts), with the service's details from configuration filled in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { Config } from '../../config/config';
import { describeZodError } from '../../config/describeZodError';
import { fillPlaceholders, PlaceholderValues } from '../../content/placeholders';
import { serviceDetails } from '../../content/serviceDetails';
import { KNOWLEDGE_DIR } from '../../paths';

const line = z.string().trim().min(1).max(300);

export const pageTextSchema = z.strictObject({
  title: line,
  skipLink: line,
  leave: z.strictObject({ label: line, hint: line, url: z.url({ protocol: /^https$/ }) }),
  heading: line,
  intro: z.array(line).min(1).max(4),
  emergency: line,
  chat: z.strictObject({
    heading: line,
    starting: line,
    ready: line,
    failed: line,
    ended: line,
    restart: line,
    inputPlaceholder: line,
    inputLabel: line,
    sendButton: line,
    botSaid: line,
    adviserName: line.includes('{{adviser}}'),
    adviserSaid: line.includes('{{adviser}}'),
    youSaid: line,
    newTab: line,
  }),
  contrast: z.strictObject({ label: line }),
  speech: z.strictObject({
    readOut: line,
    readNew: line,
    slower: line,
    speakButton: line,
    stopListening: line,
    listening: line,
    heard: line,
    notHeard: line,
    speakNote: line,
  }),
  pictures: z.strictObject({ credit: line, creditUrl: z.url({ protocol: /^https$/ }), licence: line, licenceUrl: z.url({ protocol: /^https$/ }) }),
  hours: z.strictObject({ heading: line, webchat: line, adviceLine: line, closed: line, form: line }),
  privacy: z.strictObject({ heading: line, text: z.array(line).min(1).max(6) }),
});

export type PageText = z.output<typeof pageTextSchema>;

export const PAGE_TEXT_FILE = join(KNOWLEDGE_DIR, 'webchat-page.yaml');

/** The page's words as written, with {{placeholders}} still in them. */
export function loadPageText(file = PAGE_TEXT_FILE): PageText {
  const parsed = pageTextSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The values for the page's {{placeholders}}, as plain text. */
export function pageValues(config: Config): PlaceholderValues {
  return { ...serviceDetails(config), retentionDays: String(config.RETENTION_DAYS) };
}

/** Every string of the page with placeholders filled in as plain text. */
export function fillPageText<T>(value: T, values: PlaceholderValues): T {
  if (typeof value === 'string') return fillPlaceholders(value, values) as T;
  if (Array.isArray(value)) return value.map((v) => fillPageText(v, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPageText(v, values)])) as T;
  }
  return value;
}
