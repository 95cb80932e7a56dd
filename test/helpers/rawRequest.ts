/**
 * Sends one fuzz case with node:http exactly as built (fetch would tidy up the hostile parts),
 * on its own connection, and reports what came back: a status, a connection error, a timeout,
 * or for a WebSocket upgrade whether it was answered at all.
 */
import { request } from 'node:http';
import { FuzzCase } from './fuzzCases';

export interface Outcome {
  status?: number;
  /** ECONNRESET, ECONNREFUSED, timeout, held (an upgrade nobody answered), or the client's own refusal. */
  error?: string;
  ms: number;
  /** The start of the answer, to show what a 5xx said. */
  bodyStart?: string;
}

export function sendCase(port: number, fuzzCase: FuzzCase, timeoutMs: number): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<Outcome, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, ms: Date.now() - started });
    };
    let req: ReturnType<typeof request>;
    try {
      req = request({ host: '127.0.0.1', port, method: fuzzCase.method, path: fuzzCase.path, headers: fuzzCase.headers, agent: false });
    } catch (error) {
      resolve({ error: `client:${(error as NodeJS.ErrnoException).code ?? 'refused'}`, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      finish({ error: fuzzCase.upgrade ? 'held' : 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      finish({ status: res.statusCode });
    });
    req.on('response', (res) => {
      let start = '';
      res.on('data', (chunk: Buffer) => {
        if (start.length < 300) start += chunk.toString('utf8');
      });
      res.on('end', () => finish({ status: res.statusCode, bodyStart: start.slice(0, 300) }));
      res.on('error', () => finish({ status: res.statusCode, bodyStart: start.slice(0, 300) }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    req.end(fuzzCase.body);
  });
}
