/**
 * The Bot Connector API endpoints the bot calls to reach the user (the serviceUrl of every activity
 * the local Direct Line sends it): send to a conversation, reply to an activity, update and delete.
 * Proactive messages (continueConversation) arrive here the same way. The serviceUrl carries this
 * installation's connector secret (/directline-connector/<secret>/v3/...): only the bot knows it, so
 * nobody else can post "bot" messages into a family's chat.
 */
import { Request, Response, Server } from 'restify';
import { Logger } from '../../logging/logger';
import { directLineSorry, guardedRoutes } from '../internalErrors';
import { parseBody, sendError, sendOutcome } from '../jsonErrors';
import { LocalDirectLine } from './localDirectLine';
import { botActivitySchema } from './schemas';

export const CONNECTOR_BASE = '/directline-connector';
const CONVERSATION = `${CONNECTOR_BASE}/:secret/v3/conversations/:conversationId`;

export function registerConnectorRoutes(server: Server, service: LocalDirectLine, logger: Logger): void {
  const routes = guardedRoutes(server, logger, directLineSorry);
  /** Runs a handler only for the bot's own calls; anyone else gets 403. */
  const botOnly = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    if (!service.isBot(String(req.params?.secret ?? ''))) return sendError(res, 403, 'Forbidden', 'Only the bot may call this.');
    await handler(req, res);
  };

  routes.post(`${CONVERSATION}/activities`, botOnly(async (req, res) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, await service.fromBot(req.params.conversationId, body));
  }));

  routes.post(`${CONVERSATION}/activities/:activityId`, botOnly(async (req, res) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, await service.fromBot(req.params.conversationId, body, req.params.activityId));
  }));

  routes.put(`${CONVERSATION}/activities/:activityId`, botOnly(async (req, res) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, await service.updateFromBot(req.params.conversationId, req.params.activityId, body));
  }));

  routes.del(`${CONVERSATION}/activities/:activityId`, botOnly(async (req, res) => {
    sendOutcome(res, await service.deleteFromBot(req.params.conversationId, req.params.activityId));
  }));

  routes.get(`${CONVERSATION}/members`, botOnly(async (req, res) => {
    sendOutcome(res, await service.members(req.params.conversationId));
  }));
}
