/**
 * Rules every request meets before any route sees it, so no route can forget one:
 * - request bodies must not be compressed: restify's gunzip once crashed the process on a body
 *   that was not gzip, and no channel or browser of ours compresses what it sends;
 * - parsed JSON bodies may be nested only so deep: deeper ones cost stack, not meaning.
 */
import { Next, Request, Response, Server } from 'restify';
import { MAX_JSON_DEPTH, tooDeep } from './jsonDepth';

function refuse(res: Response, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code: status === 415 ? 'UnsupportedMediaType' : 'BadArgument', message } }));
}

/** Runs before routing and body parsing: refuses compressed bodies. */
export function refuseEncodedBodies(req: Request, res: Response, next: Next): void {
  const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    // Read and drop what was sent, so the client sees the answer instead of a reset connection.
    req.resume();
    return refuse(res, 415, 'Compressed request bodies are not accepted. Send the body without Content-Encoding.');
  }
  next();
}

/** Runs after body parsing, for every route: refuses JSON nested deeper than MAX_JSON_DEPTH, naming where. */
export function refuseDeepBodies(req: Request, res: Response, next: Next): void {
  const deep = req.body === undefined ? undefined : tooDeep(req.body);
  if (deep !== undefined) return refuse(res, 400, `Invalid request body: ${deep}: nested more than ${MAX_JSON_DEPTH} levels deep`);
  next();
}

export function registerEdgeGuards(server: Server): void {
  server.pre(refuseEncodedBodies);
}
