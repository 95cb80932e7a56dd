/**
 * The Direct Line WebSocket stream (ws package): a client opens the streamUrl it was given
 * (/v3/directline/conversations/{id}/stream?watermark=&t=<one-use ticket>), gets every activity from
 * the watermark on, then each new ActivitySet as it happens. One socket per conversation: a new one
 * replaces the old ("collision"). Dead sockets are found with pings and closed.
 */
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { Logger } from '../../logging/logger';
import { refuseUpgrade, UpgradeHandler } from '../upgrades';
import { LocalDirectLine } from './localDirectLine';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
const PING_EVERY_MS = 30_000;

export class StreamSockets implements UpgradeHandler {
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

  /** Takes upgrades for the stream path (refusing bad tickets); false for any other path. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, opened: () => void): boolean {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    const conversationId = safeDecode(match[1]);
    const ticket = url.searchParams.get('t') ?? '';
    if (!ticket) refuseUpgrade(socket, 401, 'Unauthorized');
    else if (conversationId === undefined || !this.service.tokens.redeemStreamTicket(ticket, conversationId)) refuseUpgrade(socket, 403, 'Forbidden');
    else if (!this.service.store.get(conversationId)) refuseUpgrade(socket, 404, 'Not Found');
    else {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        opened();
        this.open(ws, conversationId, url.searchParams.get('watermark') ?? undefined);
      });
    }
    return true;
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

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
