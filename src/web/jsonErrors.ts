/** The JSON error answers of the web routes, shaped like Direct Line's: { "error": { "code", "message" } }. */
import { Response } from 'restify';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';

export type ErrorCode =
  | 'BadArgument'
  | 'MissingProperty'
  | 'Unauthorized'
  | 'TokenExpired'
  | 'Forbidden'
  | 'ConversationNotFound'
  | 'NotFound'
  | 'BotError'
  | 'BotTimeout'
  | 'ServiceError'
  | 'TooManyRequests'
  | 'ServiceUnavailable';

export interface Failure {
  status: number;
  code: ErrorCode;
  message: string;
  /** Seconds until trying again makes sense (a Retry-After header), for 429 and 503. */
  retryAfter?: number;
}

/** What a service operation gives back: a value (with an HTTP status other than 200 if need be), or a failure. */
export type Outcome<T> = { ok: true; value: T; status?: number } | ({ ok: false } & Failure);

export const fail = (status: number, code: ErrorCode, message: string): { ok: false } & Failure => ({ ok: false, status, code, message });

export function sendOutcome<T>(res: Response, outcome: Outcome<T>): void {
  if (outcome.ok) res.send(outcome.status ?? 200, outcome.value);
  else sendError(res, outcome.status, outcome.code, outcome.message, outcome.retryAfter);
}

export function sendError(res: Response, status: number, code: ErrorCode, message: string, retryAfter?: number): void {
  if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
  res.send(status, { error: { code, message } });
}

/**
 * Parses a request body with a zod schema (bodies nested too deep were already refused at the
 * edge, src/server/edgeGuards.ts). On failure answers 400 naming the bad field and returns
 * undefined, so handlers read `const body = parseBody(...); if (!body) return;`.
 */
export function parseBody<T extends z.ZodType>(res: Response, schema: T, body: unknown): z.output<T> | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const missing = parsed.error.issues.some((issue) => issue.code === 'invalid_type' && issue.message.includes('undefined'));
  sendError(res, 400, missing ? 'MissingProperty' : 'BadArgument', `Invalid request body: ${describeZodError(parsed.error)}`);
  return undefined;
}
