/**
 * The Bot Connector API endpoints the bot calls to reach the user (the serviceUrl of every activity
 * the local Direct Line sends it): send to a conversation, reply to an activity, update and delete.
 * Proactive messages (continueConversation) arrive here the same way.
 */
import { Request, Response, Server } from 'restify';
import { parseBody, sendOutcome } from '../jsonErrors';
import { LocalDirectLine } from './localDirectLine';
import { botActivitySchema } from './schemas';

export const CONNECTOR_BASE = '/directline-connector';
const CONVERSATION = `${CONNECTOR_BASE}/v3/conversations/:conversationId`;

export function registerConnectorRoutes(server: Server, service: LocalDirectLine): void {
  server.post(`${CONVERSATION}/activities`, async (req: Request, res: Response) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, service.fromBot(req.params.conversationId, body));
  });

  server.post(`${CONVERSATION}/activities/:activityId`, async (req: Request, res: Response) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, service.fromBot(req.params.conversationId, body, req.params.activityId));
  });

  server.put(`${CONVERSATION}/activities/:activityId`, async (req: Request, res: Response) => {
    const body = parseBody(res, botActivitySchema, req.body);
    if (body) sendOutcome(res, service.updateFromBot(req.params.conversationId, req.params.activityId, body));
  });

  server.del(`${CONVERSATION}/activities/:activityId`, async (req: Request, res: Response) => {
    sendOutcome(res, service.deleteFromBot(req.params.conversationId, req.params.activityId));
  });

  server.get(`${CONVERSATION}/members`, async (req: Request, res: Response) => {
    sendOutcome(res, service.members(req.params.conversationId));
  });
}
