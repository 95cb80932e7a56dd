/**
 * A small loopback load balancer for `npm run bench:load`'s two-instance run: each request goes to the
 * next instance in turn (no stickiness, so one family's turns and one adviser's calls land on both),
 * with kept-alive connections as a real balancer has. A proxy in front of its own instances, as in
 * production, says who the client was with X-Forwarded-For.
 */
import { Agent, createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** How many requests each instance was given. */
  counts: number[];
  close: () => Promise<void>;
}

export async function startRoundRobinBalancer(upstreams: string[]): Promise<Balancer> {
  const targets = upstreams.map((url) => new URL(url));
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), true));
  });
  // The bodies are small JSON, so each is read whole first: a request whose kept-alive connection the
  // instance had just closed (its idle timeout) can then be sent again once, as real balancers do.
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, mayRetry: boolean) => {
    const index = next++ % targets.length;
    counts[index]++;
    const target = targets[index];
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, 'x-forwarded-for': forwarded }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (mayRetry && upstream.reusedSocket && error.code === 'ECONNRESET') return forward(req, res, body, false);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`balancer: ${error.message}`);
    });
    upstream.end(body);
  };
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
