/**
 * The Direct Line WebSocket stream (ws package): a client opens the streamUrl it was given
 * (/v3/directline/conversations/{id}/stream?watermark=&t=<one-use ticket>), gets every activity from
 * the watermark on, then each new ActivitySet as it happens. One socket per conversation: a new one
 * replaces the old ("collision"). Dead sockets are found with pings and closed.
 */
import { IncomingMessage, Server as HttpServer } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { Logger } from '../../logging/logger';
import { LocalDirectLine } from './localDirectLine';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
const PING_EVERY_MS = 30_000;

export class StreamSockets {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly byConversation = new Map<string, WebSocket>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly service: LocalDirectLine,
    private readonly logger: Logger,
  ) {
    this.pinger = setInterval(() => this.pingAll(), PING_EVERY_MS);
    this.pinger.unref();
  }

  /** Listens for WebSocket upgrades on the HTTP server; upgrades for other paths are left to others. */
  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://local');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) {
        if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      const ticket = url.searchParams.get('t') ?? '';
      if (!ticket) return refuse(socket, 401, 'Unauthorized');
      if (!this.service.tokens.redeemStreamTicket(ticket, conversationId)) return refuse(socket, 403, 'Forbidden');
      const conversation = this.service.store.get(conversationId);
      if (!conversation) return refuse(socket, 404, 'Not Found');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, conversationId, url.searchParams.get('watermark') ?? undefined));
    });
  }

  /** Closes every socket (the server is stopping). */
  closeAll(): void {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    this.byConversation.clear();
  }

  private open(ws: WebSocket, conversationId: string, watermark: string | undefined): void {
    const conversation = this.service.store.get(conversationId);
    if (!conversation) return ws.close(1011, 'conversation ended');
    const previous = this.byConversation.get(conversationId);
    if (previous && previous !== ws) previous.close(4000, 'collision');
    this.byConversation.set(conversationId, ws);
    this.alive.add(ws);

    const send = (payload: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
    };
    const backlog = this.service.store.since(conversation, watermark);
    if (backlog.activities.length) send(backlog);
    const unsubscribe = this.service.store.subscribe(conversation, send);

    ws.on('pong', () => this.alive.add(ws));
    // Clients send empty messages to keep the connection open; nothing else is expected.
    ws.on('message', () => this.service.store.get(conversationId));
    ws.on('error', (error) => this.logger.debug({ problem: error.name }, 'direct line: stream error'));
    ws.on('close', () => {
      unsubscribe();
      if (this.byConversation.get(conversationId) === ws) this.byConversation.delete(conversationId);
    });
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
