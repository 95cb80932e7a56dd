/**
 * Puts the local Direct Line on the HTTP server: its REST API, the connector endpoints the bot
 * replies to, the WebSocket stream, a sweep of expired tokens and idle conversations, and a clean
 * stop (open WebSockets would otherwise keep server.close() waiting).
 */
import { Request, Response, Server } from 'restify';
import { Logger } from '../../logging/logger';
import { CONNECTOR_BASE, registerConnectorRoutes } from './connectorRoutes';
import { registerDirectLineRoutes } from './directLineRoutes';
import { Caller, LocalDirectLine } from './localDirectLine';
import { StreamSockets } from './streamSockets';
import { UpgradeHandler } from '../upgrades';

const SWEEP_EVERY_MS = 60_000;

/** restify's body parser refuses bad JSON itself; on our paths its answer gets Direct Line's error shape. */
const BODY_PARSER_ERRORS = ['InvalidContent', 'PayloadTooLarge', 'UnsupportedMediaType'];

/** Returns the stream's upgrade handler, for the server's one upgrade router. */
export function mountLocalDirectLine(server: Server, service: LocalDirectLine, callerOf: (req: Request) => Caller, logger: Logger): UpgradeHandler {
  registerDirectLineRoutes(server, service, callerOf, logger);
  registerConnectorRoutes(server, service, logger);

  const sockets = new StreamSockets(service, logger);

  const sweeper = setInterval(() => {
    service.sweep().catch((error: unknown) => logger.error({ err: error }, 'direct line: sweep failed'));
  }, SWEEP_EVERY_MS);
  sweeper.unref();

  const close = server.close.bind(server);
  server.close = ((callback?: () => unknown) => {
    clearInterval(sweeper);
    sockets.closeAll();
    return close(callback);
  }) as Server['close'];

  for (const name of BODY_PARSER_ERRORS) {
    server.on(name, (req: Request, _res: Response, error: Error & { toJSON?: () => unknown }, callback: () => void) => {
      const path = req.getPath();
      if (path.startsWith('/v3/directline') || path.startsWith(CONNECTOR_BASE)) {
        const code = name === 'InvalidContent' ? 'BadArgument' : name;
        error.toJSON = () => ({ error: { code, message: `Invalid request body: ${error.message}` } });
      }
      callback();
    });
  }
  return sockets;
}
