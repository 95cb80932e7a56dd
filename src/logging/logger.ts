/**
 * Structured JSON logs (pino). Log events describe what happened (ids, intents, timings),
 * never what a user wrote; every field is also passed through the personal-data redactor.
 */
import pino, { Logger } from 'pino';
import { redactDeep } from './redact';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      redact: { paths: ['text', '*.text', 'activity.text', 'message'], censor: '[user text]' },
    },
    destination,
  );
}
