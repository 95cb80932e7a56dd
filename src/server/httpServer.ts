/**
 * The HTTP server (restify): the Bot Framework endpoint, a health check, and the routes other
 * modules add (webchat page, Direct Line, adviser console). This is the one place that knows
 * restify, so a later move to another framework touches only this folder.
 */
import restify, { Request, Response, Server } from 'restify';
import { CloudAdapter } from 'botbuilder';
import { ActivityHandler } from 'botbuilder';
import { describeZodError } from '../config/describeZodError';
import { Logger } from '../logging/logger';
import { incomingActivitySchema } from './activitySchema';

export interface HttpServerParts {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Other parts' routes (webchat page, Direct Line, adviser console). */
  routes?: ((server: Server) => void)[];
}

const MAX_BODY_BYTES = 1024 * 1024;

export function createHttpServer({ adapter, bot, logger, routes = [] }: HttpServerParts): Server {
  const server = restify.createServer({ name: 'family-advice-bot', handleUncaughtExceptions: false });
  // restify routes HEAD only where a HEAD route is registered; answer it as GET everywhere. Node
  // decided when the request came in that a HEAD response has no body, so none is sent.
  server.pre((req: Request, _res: Response, next: () => void) => {
    if (req.method === 'HEAD') req.method = 'GET';
    next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ route: '/api/messages', problem: describeZodError(parsed.error) }, 'refused a malformed activity');
      res.send(400, { error: `Not a valid activity: ${describeZodError(parsed.error)}` });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  for (const register of routes) register(server);

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    logger.warn({ route: req.getPath(), status: error.statusCode, problem: error.name }, 'request refused');
    callback();
  });
  return server;
}
