/**
 * All configuration, read once from the environment (and .env) and validated with zod.
 * A bad value stops start-up with a message that names the variable.
 */
import { z } from 'zod';
import { describeZodError } from './describeZodError';
import { closureDatesSchema, weeklyHoursSchema } from './weeklyHours';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/** A comma-separated list, such as "loopback, 10.0.0.5". */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((item) => item.trim()).filter(Boolean));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const probability = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // Only this machine by default; 0.0.0.0 (or ::) for every interface, as in a container.
  HOST: z.string().trim().regex(/^[0-9A-Za-z.:-]+$/, 'an address such as 127.0.0.1, 0.0.0.0 or a host name').default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 1: time each stage of every turn (src/metrics/turnTimings.ts) and log the breakdown every few minutes. */
  TURN_TIMINGS: z.enum(['0', '1'], { message: 'TURN_TIMINGS must be 0 or 1' }).default('0').transform((v) => v === '1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:password@host:port/database: every store on PostgreSQL, shared by any number of instances. Unset: SQLite in DATA_DIR. */
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// or postgresql:// connection URL').optional()),
  /** Connections each instance may hold open to PostgreSQL. */
  DATABASE_POOL_SIZE: positiveInt(10),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  /** How many proxies of our own stand in front: only then are X-Forwarded-For and X-Forwarded-Proto believed. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  /** Where the keys that sign channel requests are published, and who must have issued them (Bot Framework's public cloud by default). */
  BOT_OPENID_METADATA_URL: z.url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  BOT_TOKEN_ISSUER: z.string().trim().min(1).default('https://api.botframework.com'),

  /** With no MicrosoftAppId: who may send unsigned activities, and where the bot may send replies. */
  UNSIGNED_ALLOWED_ADDRESSES: list('loopback'),
  UNSIGNED_ALLOWED_SERVICE_URLS: list('loopback'),

  DIRECTLINE_SECRET: optionalText,
  DIRECTLINE_ENDPOINT: z.url().default('https://directline.botframework.com/v3/directline'),
  DIRECTLINE_TOKEN_MINUTES: positiveInt(30),

  SERVICE_NAME: z.string().min(1).default('Family Rights Group'),
  ADVICE_LINE_PHONE: z.string().regex(/^[0-9 +]{3,20}$/, 'a phone number such as 0808 801 0366').default('0808 801 0366'),
  ADVICE_FORM_URL: z.url().default('https://frg.org.uk/get-help-and-advice/'),
  TIME_ZONE: z.literal('Europe/London').default('Europe/London'),
  WEBCHAT_HOURS: weeklyHoursSchema.prefault('Mon,Wed 13:00-15:00'),
  ADVICE_LINE_HOURS: weeklyHoursSchema.prefault('Mon-Fri 09:30-15:00'),
  EXTRA_CLOSURES: closureDatesSchema.prefault(''),

  /** SMS segments (160 GSM-7 characters, or 153 in a longer message) one turn may cost. */
  SMS_SEGMENTS_WELCOME: positiveInt(2),
  SMS_SEGMENTS_ANSWER: positiveInt(3),
  SMS_SEGMENTS_NEXT_STEPS: positiveInt(6),
  SMS_SEGMENTS_OTHER: positiveInt(3),

  HANDOFF_ACCEPT_MINUTES: positiveInt(10),
  HANDOFF_MINUTES_PER_CONVERSATION: positiveInt(12),
  ADVISER_MAX_CHATS: positiveInt(2),
  RETENTION_DAYS: positiveInt(30),
  CONVERSATION_IDLE_HOURS: positiveInt(24),

  /** hybrid: the rules and the sentence-encoder model; rules: the rules alone (see README, Safety model). */
  SAFETY_MODEL: z.enum(['rules', 'hybrid']).default('hybrid'),
  // The safety model's probability at or above which it says danger, at or above which the bot asks,
  // and below which it turns a rule's danger into a question.
  SAFETY_DANGER_THRESHOLD: probability(0.8),
  SAFETY_CHECK_THRESHOLD: probability(0.2),
  SAFETY_RULE_VETO_THRESHOLD: probability(0.2),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads configuration from an environment-like object; throws a ConfigError naming bad variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeZodError(parsed.error)}`);
  if (parsed.data.MicrosoftAppId && !parsed.data.MicrosoftAppPassword && parsed.data.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration: MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (parsed.data.SAFETY_CHECK_THRESHOLD > parsed.data.SAFETY_DANGER_THRESHOLD) {
    throw new ConfigError('Invalid configuration: SAFETY_CHECK_THRESHOLD: must not be above SAFETY_DANGER_THRESHOLD');
  }
  if (parsed.data.SAFETY_RULE_VETO_THRESHOLD > parsed.data.SAFETY_CHECK_THRESHOLD) {
    throw new ConfigError('Invalid configuration: SAFETY_RULE_VETO_THRESHOLD: must not be above SAFETY_CHECK_THRESHOLD');
  }
  return parsed.data;
}
