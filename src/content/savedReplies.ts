/**
 * Saved replies for advisers, kept as data in knowledge/saved-replies.yaml and validated at
 * load, so a mistyped entry is named by its place and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';

const savedRepliesSchema = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'),
      title: z.string().min(2).max(40),
      text: z.string().min(10).max(1000),
    })
    .strict(),
);

export type SavedReply = z.infer<typeof savedRepliesSchema>[number];

export function loadSavedReplies(file = join(KNOWLEDGE_DIR, 'saved-replies.yaml')): SavedReply[] {
  const parsed = savedRepliesSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`knowledge/saved-replies.yaml: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
