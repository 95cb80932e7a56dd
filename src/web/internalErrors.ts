/**
 * A bug in a web route must not tell the caller how the server works: restify would put the error's
 * own text (a stack overflow, a file path, an upstream URL) in its 500. On the web side's paths the
 * answer is a short, kind one in the route's usual shape; the details go to the log only.
 */
import { Request, Response, Server } from 'restify';
import { Logger } from '../logging/logger';

const DIRECT_LINE_PATHS = ['/v3/directline', '/directline-connector', '/api/directline/'];
const CONSOLE_PATHS = ['/advisers'];
const SORRY = 'Something went wrong on our side. Please try again.';

export function hideInternalErrors(server: Server, logger: Logger): void {
  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: unknown }, callback: () => void) => {
    // restify-errors carry their status and a message written for the caller; only unplanned errors are hidden.
    if (typeof error.statusCode === 'number' && error.statusCode < 500) return callback();
    const path = req.getPath();
    const directLine = DIRECT_LINE_PATHS.some((p) => path.startsWith(p));
    if (!directLine && !CONSOLE_PATHS.some((p) => path.startsWith(p))) return callback();
    logger.error({ err: error, route: path }, 'web route failed');
    if (!res.headersSent) res.send(500, directLine ? { error: { code: 'ServiceError', message: SORRY } } : { error: SORRY });
    callback();
  });
}
