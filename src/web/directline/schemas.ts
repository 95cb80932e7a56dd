/** zod schemas for every request body the local Direct Line and its connector endpoints accept. */
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../../server/activitySchema';

const shortText = (max: number) => z.string().max(max);

const userAccount = z.looseObject({
  id: shortText(256).optional(),
  name: shortText(256).optional(),
  role: shortText(32).optional(),
});

/** POST /tokens/generate and POST /conversations: both bodies are optional. */
export const generateTokenSchema = z.looseObject({
  user: userAccount.optional(),
  trustedOrigins: z.array(shortText(2048)).max(20).optional(),
});

export const startConversationSchema = z.looseObject({
  user: userAccount.optional(),
  locale: shortText(35).optional(),
});

const attachment = z.looseObject({
  contentType: shortText(256),
  contentUrl: shortText(2048).optional(),
  name: shortText(256).optional(),
});

/** What a client may send to the bot (POST /conversations/{id}/activities). */
export const clientActivitySchema = z.looseObject({
  // An invoke needs an answer this bot does not give (it would come back as a 502): refused plainly instead.
  type: shortText(64).min(1).refine((type) => type !== 'invoke', 'invoke activities are not taken here'),
  text: z.string().max(MAX_TEXT_LENGTH).optional().nullable(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: shortText(35).optional().nullable(),
  localTimestamp: shortText(64).optional().nullable(),
  localTimezone: shortText(64).optional().nullable(),
  from: userAccount.optional(),
  name: shortText(256).optional().nullable(),
  value: z.unknown().optional(),
  channelData: z.looseObject({ clientActivityID: shortText(256).optional() }).optional().nullable(),
  attachments: z.array(attachment).max(10).optional().nullable(),
  entities: z.array(z.looseObject({ type: shortText(256) })).max(20).optional().nullable(),
  replyToId: shortText(256).optional().nullable(),
});

export type ClientActivity = z.output<typeof clientActivitySchema>;

/** What the bot sends through the Bot Connector API (POST/PUT .../v3/conversations/{id}/activities). */
export const botActivitySchema = z.looseObject({
  type: shortText(64).min(1),
  text: z.string().max(MAX_TEXT_LENGTH).optional().nullable(),
  from: z.looseObject({ id: shortText(256), name: shortText(256).optional().nullable() }).optional().nullable(),
});

export type BotActivity = z.output<typeof botActivitySchema>;

/** The fields of a client's activity passed on to the bot; everything else is set by the service. */
export const FORWARDED_CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'localTimestamp',
  'localTimezone',
  'name',
  'value',
  'channelData',
  'attachments',
  'entities',
  'replyToId',
] as const;
