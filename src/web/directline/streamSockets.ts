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
import { ActivitySet, Conversation } from './conversationStore';
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
    else void this.upgrade(req, socket, head, conversationId, url.searchParams.get('watermark') ?? undefined, opened);
    return true;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, watermark: string | undefined, opened: () => void): Promise<void> {
    try {
      const conversation = await this.service.store.get(conversationId);
      if (!conversation) return refuseUpgrade(socket, 404, 'Not Found');
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        opened();
        void this.open(ws, conversation, watermark);
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'direct line: could not open a stream');
      refuseUpgrade(socket, 503, 'Service Unavailable');
    }
  }

  /** Closes every socket (the server is stopping). */
  closeAll(): void {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    this.byConversation.clear();
  }

  private async open(ws: WebSocket, conversation: Conversation, watermark: string | undefined): Promise<void> {
    const conversationId = conversation.id;
    const previous = this.byConversation.get(conversationId);
    if (previous && previous !== ws) previous.close(4000, 'collision');
    this.byConversation.set(conversationId, ws);
    this.alive.add(ws);

    const send = (payload: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
    };
    // Listening starts before the backlog is read, so nothing appended meanwhile is missed; what the backlog already holds is not sent twice.
    const early: ActivitySet[] = [];
    let caughtUp = false;
    const unsubscribe = this.service.store.subscribe(conversation, (set) => (caughtUp ? send(set) : early.push(set)));

    ws.on('pong', () => this.alive.add(ws));
    // Clients send empty messages to keep the connection open; nothing else is expected.
    ws.on('message', () => void this.service.store.get(conversationId).catch(() => undefined));
    ws.on('error', (error) => this.logger.debug({ problem: error.name }, 'direct line: stream error'));
    ws.on('close', () => {
      unsubscribe();
      if (this.byConversation.get(conversationId) === ws) this.byConversation.delete(conversationId);
    });

    try {
      const backlog = await this.service.store.since(conversation, watermark);
      if (backlog.activities.length) send(backlog);
      const through = Number(backlog.watermark);
      for (const set of early) if (set.watermark === undefined || Number(set.watermark) > through) send(set);
      caughtUp = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'direct line: could not read the backlog');
      ws.close(1011, 'try again');
    }
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
