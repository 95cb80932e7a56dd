/**
 * POST /api/directline/token, how the webchat page gets its Direct Line token (DESIGN.md contract):
 * {"token","domain"}. From the local Direct Line by default; from Azure's Direct Line when
 * DIRECTLINE_SECRET is set (the secret never reaches the browser).
 */
import { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { azureToken } from './azureDirectLine';
import { LocalDirectLine } from './directline/localDirectLine';
import { parseBody, sendError } from './jsonErrors';

export const TOKEN_PATH = '/api/directline/token';

/** The page sends no body; anything it might send later must at least be a JSON object. */
const tokenRequestSchema = z.looseObject({});

export function registerTokenRoute(server: Server, config: Config, logger: Logger, local: LocalDirectLine | undefined): void {
  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    if (!parseBody(res, tokenRequestSchema, req.body ?? {})) return;
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
    res.send(200, { token: local.generateToken().token, domain: local.domain() });
  });
}
