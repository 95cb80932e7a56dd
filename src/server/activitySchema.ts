/**
 * What an incoming activity must be before the adapter sees it: the fields the bot relies on are
 * checked and normalised here, at the edge, so nothing later can trip over them (a bad timestamp
 * once crashed the server after the reply). Anything else about the activity is the Bot Framework
 * schema's business; junk becomes a clear 400 that names the field.
 */
import { z } from 'zod';

/** Far more than anyone types; larger bodies are refused before parsing. */
export const MAX_TEXT_LENGTH = 100_000;

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** An ISO-8601 date and time a person could have sent a message at; anything else is refused. */
const dateTime = z
  .string()
  .max(64)
  .refine((value) => {
    const at = Date.parse(value);
    return Number.isFinite(at) && at >= EARLIEST && at < LATEST;
  }, 'not a valid date and time')
  .nullish();

const id = z.string().min(1).max(256);
const account = z.looseObject({ id, name: z.string().max(256).nullish(), role: z.string().max(32).nullish() });

/** Text as one piece of well-formed Unicode: a lone surrogate would be stored as broken bytes. */
const text = z
  .string()
  .max(MAX_TEXT_LENGTH)
  .transform((value) => value.toWellFormed())
  .nullish();

export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).nullish(),
  text,
  channelId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dots, dashes or underscores'),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: account,
  recipient: account.optional(),
  serviceUrl: z.url().max(2048).optional(),
  timestamp: dateTime,
  localTimestamp: dateTime,
  expiration: dateTime,
  deliveryMode: z.string().max(32).nullish(),
  membersAdded: z.array(account).max(50).nullish(),
  membersRemoved: z.array(account).max(50).nullish(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(20).nullish(),
  entities: z.array(z.looseObject({ type: z.string().max(256) })).max(50).nullish(),
});

export type IncomingActivity = z.output<typeof incomingActivitySchema>;
