/**
 * POST /api/directline/token, how the webchat page gets its Direct Line token (DESIGN.md contract):
 * {"token","domain"}. From the local Direct Line by default; from Azure's Direct Line when
 * DIRECTLINE_SECRET is set (the secret never reaches the browser). Anyone may ask, so each address
 * may ask only so often (429 with Retry-After beyond that).
 */
import { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { azureToken } from './azureDirectLine';
import { Caller, LocalDirectLine } from './directline/localDirectLine';
import { parseBody, sendError, sendOutcome } from './jsonErrors';
import { RateLimit, RateLimiter } from './rateLimiter';
import { directLineSorry, guardedRoutes } from './internalErrors';

export const TOKEN_PATH = '/api/directline/token';

/** The page sends no body; anything it might send later must at least be a JSON object. */
const tokenRequestSchema = z.looseObject({});

/** A page load asks once (and again on "start a new chat"); twenty at once and one more every 30 s is plenty. */
export const TOKEN_LIMIT: RateLimit = { burst: 20, refillMs: 30_000 };
const SWEEP_EVERY_MS = 60_000;

export function registerTokenRoute(server: Server, config: Config, logger: Logger, local: LocalDirectLine | undefined, callerOf: (req: Request) => Caller): void {
  const limiter = new RateLimiter(TOKEN_LIMIT, () => Date.now());
  const sweeper = setInterval(() => limiter.sweep(), SWEEP_EVERY_MS);
  sweeper.unref();
  server.on('close', () => clearInterval(sweeper));

  guardedRoutes(server, logger, directLineSorry).post(TOKEN_PATH, async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    if (!parseBody(res, tokenRequestSchema, req.body ?? {})) return;
    const caller = callerOf(req);
    const wait = limiter.take(caller.address);
    if (wait > 0) return sendError(res, 429, 'TooManyRequests', 'You have started a lot of chats in a short time. Please wait a little and try again.', wait);
    if (config.DIRECTLINE_SECRET) {
      const outcome = await azureToken(config.DIRECTLINE_ENDPOINT, config.DIRECTLINE_SECRET, logger);
      if (!outcome.ok) return sendError(res, outcome.status, outcome.code, outcome.message);
      res.send(200, { token: outcome.value.token, domain: config.DIRECTLINE_ENDPOINT });
      return;
    }
    if (!local) {
      // A MicrosoftAppId is set (so the bot only takes signed traffic) but there is no Direct Line secret.
      return sendError(res, 503, 'ServiceUnavailable', 'Webchat needs DIRECTLINE_SECRET when MicrosoftAppId is set.');
    }
    const issued = await local.generateToken();
    if (!issued.ok) return sendOutcome(res, issued);
    res.send(200, { token: issued.value.token, domain: local.domain(caller.origin) });
  });
}
