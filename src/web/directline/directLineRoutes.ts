/**
 * The Direct Line 3.0 REST API of the local service (/v3/directline/...): tokens, starting and
 * reconnecting to conversations, sending activities and polling for them. Answers and errors are
 * shaped as in Microsoft's Direct Line 3.0 reference.
 */
import { Request, Response, Server } from 'restify';
import { Logger } from '../../logging/logger';
import { directLineSorry, guardedRoutes } from '../internalErrors';
import { parseBody, sendError, sendOutcome } from '../jsonErrors';
import { Access, Caller, LocalDirectLine } from './localDirectLine';
import { clientActivitySchema, generateTokenSchema, startConversationSchema } from './schemas';

const BASE = '/v3/directline';

export function registerDirectLineRoutes(server: Server, service: LocalDirectLine, callerOf: (req: Request) => Caller, logger: Logger): void {
  const routes = guardedRoutes(server, logger, directLineSorry);
  /** Runs a handler with the caller's access, or answers 401/403. */
  const withAccess = (handler: (req: Request, res: Response, access: Access) => Promise<void> | void) => async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    const access = await service.authorize(req.headers.authorization);
    if (!access.ok) return sendError(res, access.status, access.code, access.message);
    await handler(req, res, access.value);
  };

  routes.post(`${BASE}/tokens/generate`, withAccess(async (req, res, access) => {
    const body = parseBody(res, generateTokenSchema, req.body ?? {});
    if (body) sendOutcome(res, await service.generateTokenFor(access, body.user));
  }));

  routes.post(`${BASE}/tokens/refresh`, withAccess(async (_req, res, access) => sendOutcome(res, await service.refreshToken(access))));

  routes.post(`${BASE}/conversations`, withAccess(async (req, res, access) => {
    const body = parseBody(res, startConversationSchema, req.body ?? {});
    if (body) sendOutcome(res, await service.startConversation(access, callerOf(req), body.user));
  }));

  routes.get(`${BASE}/conversations/:conversationId`, withAccess(async (req, res, access) => {
    sendOutcome(res, await service.reconnect(access, req.params.conversationId, queryValue(req, 'watermark'), callerOf(req)));
  }));

  routes.post(`${BASE}/conversations/:conversationId/activities`, withAccess(async (req, res, access) => {
    const body = parseBody(res, clientActivitySchema, req.body);
    if (body) sendOutcome(res, await service.postActivity(access, req.params.conversationId, body));
  }));

  routes.get(`${BASE}/conversations/:conversationId/activities`, withAccess(async (req, res, access) => {
    sendOutcome(res, await service.getActivities(access, req.params.conversationId, queryValue(req, 'watermark')));
  }));

  routes.post(`${BASE}/conversations/:conversationId/upload`, withAccess((_req, res) => {
    sendError(res, 400, 'BadArgument', 'This chat does not take files.');
  }));
}


function queryValue(req: Request, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://local').searchParams.get(name) ?? undefined;
}
