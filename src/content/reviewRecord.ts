/**
 * A review record (knowledge/reviews/<id>.yaml): what a content editor opened to check one
 * article, each claim's verdict and the keys that support it, and what changed. It is the audit
 * trail behind an article's `reviewed` date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';

export const VERDICTS = ['right', 'wrong', 'misleading', 'unsourced', 'uncertain'] as const;
export const ACTIONS = ['kept', 'corrected', 'removed', 'added'] as const;

const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'keys are lower-case words and digits joined by hyphens');

export const reviewRecordSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    date: z.iso.date(),
    sources_opened: z.array(z.object({ title: z.string().min(3), url: z.url().optional() }).strict()).min(1),
    claims: z
      .array(
        z
          .object({
            claim: z.string().min(5),
            verdict: z.enum(VERDICTS),
            keys: z.array(key),
            action: z.enum(ACTIONS),
            note: z.string().optional(),
          })
          .strict()
          .refine((c) => c.action === 'removed' || c.keys.length > 0, { path: ['keys'], message: 'a claim still in the article needs the keys that support it' }),
      )
      .min(1),
    changes: z.array(z.string().min(3)),
    removed: z.array(z.string().min(3)).nullable().transform((r) => r ?? []),
  })
  .strict();

export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export function parseReviewRecord(text: string, file: string): ReviewRecord {
  const parsed = reviewRecordSchema.safeParse(parse(text));
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Every review record, by article id (the file name without .yaml). */
export function loadReviewRecords(dir = KNOWLEDGE_DIR): Map<string, ReviewRecord> {
  const reviewDir = join(dir, 'reviews');
  const records = new Map<string, ReviewRecord>();
  if (!existsSync(reviewDir)) return records;
  for (const f of readdirSync(reviewDir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = join('knowledge', 'reviews', f);
    const record = parseReviewRecord(readFileSync(join(reviewDir, f), 'utf8'), file);
    if (`${record.id}.yaml` !== f) throw new Error(`${file}: id '${record.id}' does not match the file name`);
    records.set(record.id, record);
  }
  return records;
}
