/** What an adviser needs to know before saying hello, so the family never has to tell their story twice. */
import { z } from 'zod';

export const handoffSummarySchema = z.object({
  /** Why the conversation was passed on. */
  reason: z.enum(['asked', 'not-understood', 'safety', 'urgent-date']),
  /** The topic in a few words: the journey, the last article, or what the user said. */
  topic: z.string(),
  /** What the user typed when asked what it is about, if they did. */
  inTheirWords: z.string().optional(),
  journey: z.object({ name: z.string(), answers: z.record(z.string(), z.string()) }).optional(),
  childrenAges: z.string().optional(),
  keyDates: z.array(z.object({ event: z.string(), date: z.string() })),
  urgent: z.boolean(),
  safetyFlags: z.array(z.string()),
  accessibility: z.array(z.string()),
  channel: z.string(),
  articlesSeen: z.array(z.string()),
  /** The same articles by title, for the adviser to read (missing from summaries made before titles were kept). */
  articleTitles: z.array(z.string()).optional(),
});

export type HandoffSummary = z.infer<typeof handoffSummarySchema>;
