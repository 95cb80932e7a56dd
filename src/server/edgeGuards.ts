/**
 * Rules every request meets before any route sees it, so no route can forget one:
 * - request bodies must not be compressed: restify's gunzip once crashed the process on a body
 *   that was not gzip, and no channel or browser of ours compresses what it sends;
 * - parsed JSON bodies may be nested only so deep: deeper ones cost stack, not meaning.
 */
import { Next, Request, Response, Server } from 'restify';

/** Deeper JSON than any activity, token request or console call needs. */
export const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value goes, counted without recursion (so a hostile value cannot overflow the stack). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

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

/** Runs after body parsing: refuses JSON nested deeper than MAX_JSON_DEPTH. */
export function refuseDeepBodies(req: Request, res: Response, next: Next): void {
  if (req.body !== undefined && jsonDepth(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return refuse(res, 400, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  next();
}

export function registerEdgeGuards(server: Server): void {
  server.pre(refuseEncodedBodies);
}
