/**
 * The least an incoming activity must have before the adapter sees it. Anything else about the
 * activity is the Bot Framework schema's business; this only turns junk into a clear 400.
 */
import { z } from 'zod';

/** Far more than anyone types; larger bodies are refused before parsing. */
export const MAX_TEXT_LENGTH = 100_000;

const account = z.looseObject({ id: z.string().min(1) });

export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().max(MAX_TEXT_LENGTH).optional().nullable(),
  channelId: z.string().min(1).max(64),
  conversation: account,
  from: account,
  recipient: account.optional(),
  serviceUrl: z.string().max(2048).optional(),
});
