/**
 * A bug in a web route must not tell the caller how the server works: restify would put the error's
 * own text (a stack overflow, a file path, an upstream URL) in its 500. Web routes are registered
 * through guardedRoutes, so an unplanned error gives a short, kind answer in the route's usual
 * shape; the details go to the log only. (restify's 'restifyError' event takes only one listener,
 * the server's own, so this is done per route rather than there.)
 */
import { Request, Response, Server } from 'restify';
import { Logger } from '../logging/logger';

export const SORRY = 'Something went wrong on our side. Please try again.';

type Handler = (req: Request, res: Response) => unknown;
type Register = (path: string, handler: Handler) => void;

export interface GuardedRoutes {
  get: Register;
  post: Register;
  put: Register;
  del: Register;
}

/** Direct Line's error shape, and the console's. */
export const directLineSorry = { error: { code: 'ServiceError', message: SORRY } };
export const consoleSorry = { error: SORRY };

export function guardedRoutes(server: Server, logger: Logger, sorry: unknown): GuardedRoutes {
  const guard =
    (handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        logger.error({ err: error, route: req.getPath() }, 'web route failed');
        if (!res.headersSent) res.send(500, sorry);
        else res.end();
      }
    };
  return {
    get: (path, handler) => void server.get(path, guard(handler)),
    post: (path, handler) => void server.post(path, guard(handler)),
    put: (path, handler) => void server.put(path, guard(handler)),
    del: (path, handler) => void server.del(path, guard(handler)),
  };
}
