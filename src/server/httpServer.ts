/**
 * The HTTP server (restify): the Bot Framework endpoint, a health check, and the routes other
 * modules add (webchat page, Direct Line, adviser console). This is the one place that knows
 * restify, so a later move to another framework touches only this folder. Every request meets the
 * edge guards first; every activity is validated and normalised before the adapter sees it; no
 * answer ever carries an internal error's text.
 */
import { performance } from 'node:perf_hooks';
import restify, { Request, Response, Server } from 'restify';
import { Activity, ActivityHandler } from 'botbuilder';
import { AdviceAdapter } from '../bot/adapter';
import { describeZodError } from '../config/describeZodError';
import { Logger } from '../logging/logger';
import { addStageTime, timed, timeTurn, turnTimingsOn } from '../metrics/turnTimings';
import { incomingActivitySchema, IncomingActivity } from './activitySchema';
import { refuseDeepBodies, registerEdgeGuards } from './edgeGuards';
import { UnsignedTrafficPolicy } from './unsignedTraffic';

export interface HttpServerParts {
  adapter: AdviceAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Set when no MicrosoftAppId is configured: who may send unsigned activities, and where replies may go. */
  unsigned?: UnsignedTrafficPolicy;
  /** Other parts' routes (webchat page, Direct Line, adviser console). */
  routes?: ((server: Server) => void)[];
}

const MAX_BODY_BYTES = 1024 * 1024;
/** When the request arrived (performance.now()), kept only while turn timings are on. */
const ARRIVED = Symbol('arrived');
type TimedRequest = Request & { [ARRIVED]?: number };

function problem(res: Response, status: number, message: string): void {
  res.send(status, { error: message });
}

/** The adapter's own types: dates as Date objects, as botbuilder's validateAndFixActivity leaves them. */
function toActivity(incoming: IncomingActivity): Activity {
  const dates = Object.fromEntries(
    (['timestamp', 'localTimestamp', 'expiration'] as const).filter((f) => incoming[f]).map((f) => [f, new Date(incoming[f] as string)]),
  );
  return { ...incoming, ...dates } as unknown as Activity;
}

export function createHttpServer({ adapter, bot, logger, unsigned, routes = [] }: HttpServerParts): Server {
  const server = restify.createServer({ name: 'family-advice-bot', handleUncaughtExceptions: false });
  // restify routes HEAD only where a HEAD route is registered; answer it as GET everywhere. Node
  // decided when the request came in that a HEAD response has no body, so none is sent.
  server.pre((req: Request, _res: Response, next: () => void) => {
    if (req.method === 'HEAD') req.method = 'GET';
    if (turnTimingsOn()) (req as TimedRequest)[ARRIVED] = performance.now();
    next();
  });
  registerEdgeGuards(server);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
  server.use(refuseDeepBodies);

  server.post('/api/messages', async (req: Request, res: Response) => {
    const arrived = (req as TimedRequest)[ARRIVED];
    await (arrived === undefined ? takeMessage(req, res) : timeTurn(arrived, () => takeMessage(req, res, arrived)));
  });

  /** One activity: checked, parsed, run through the adapter and the bot, answered. */
  async function takeMessage(req: Request, res: Response, arrived?: number): Promise<void> {
    if (!req.is('application/json')) return problem(res, 415, 'Send the activity as JSON (Content-Type: application/json).');
    if (unsigned && !unsigned.allowsSender(req.socket.remoteAddress)) {
      logger.warn({ route: '/api/messages' }, 'refused an unsigned activity from an address not allowed');
      return problem(res, 403, 'This bot takes unsigned activities only from allowed addresses.');
    }
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ route: '/api/messages', problem: describeZodError(parsed.error) }, 'refused a malformed activity');
      return problem(res, 400, `Not a valid activity: ${describeZodError(parsed.error)}`);
    }
    const activity = parsed.data;
    // Reading the body, the edge guards and this validation, since the request arrived.
    if (arrived !== undefined) addStageTime('parse', performance.now() - arrived);
    const expectReplies = activity.deliveryMode === 'expectReplies';
    if (!activity.serviceUrl && !expectReplies) return problem(res, 400, 'Not a valid activity: serviceUrl: needed to send the replies');
    if (unsigned && activity.serviceUrl && !unsigned.allowsServiceUrl(activity.serviceUrl)) {
      logger.warn({ route: '/api/messages' }, 'refused an unsigned activity whose serviceUrl is not allowed');
      return problem(res, 403, 'Not a valid activity: serviceUrl: this bot does not send replies there');
    }
    let turnStarted = false;
    try {
      const answer = await adapter.takeActivity(String(req.headers.authorization ?? ''), toActivity(activity), async (context) => {
        turnStarted = true;
        await bot.run(context);
      });
      timed('send', () => res.send(answer?.status ?? 200, answer?.body));
    } catch (error) {
      // Before the turn starts, the only thing that can fail is checking who sent it.
      logger.warn({ route: '/api/messages', problem: (error as Error).name, turnStarted }, turnStarted ? 'turn failed outside the bot' : 'could not authenticate an activity');
      if (turnStarted) problem(res, 500, 'The bot could not take this message. Please try again.');
      else problem(res, 401, 'This request could not be authenticated.');
    }
  }

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  for (const register of routes) register(server);

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number; body?: { message?: string } }, callback: () => void) => {
    logger.warn({ route: req.getPath(), status: error.statusCode, problem: error.name }, 'request refused');
    // restify answers with the error's own message; an internal one must not reach the client.
    if (!error.statusCode || error.statusCode >= 500) Object.assign(error, { toJSON: () => ({ error: 'Something went wrong on our side. Please try again.' }) });
    callback();
  });
  return server;
}
