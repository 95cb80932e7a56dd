/**
 * The console's server-sent events: "queue" when the lists changed (at most one per half second per
 * console, however busy the queue), "line" for each new line of a conversation, and "alert" at once
 * for each danger seen in a waiting or live conversation, and "typing" while a family types in a live chat. A stream lives
 * only as long as its session: the session is checked again before each event and on each
 * keep-alive, and signing out closes that session's streams at once. A stream that ends for this
 * reason says "signed_out" first, so the page can show the sign-in form.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { HandoffService } from '../../handoff/handoffService';
import { TranscriptLine } from '../../handoff/transcriptStore';
import { Session } from './adviserAccounts';

export const KEEP_ALIVE_MS = 25_000;
export const QUEUE_EVENT_GAP_MS = 500;

export interface EventStreamParts {
  handoffs: HandoffService;
  /** The session behind a cookie token, if it is still valid. */
  sessionOf: (token: string) => Promise<Session | undefined>;
  headers: Record<string, string>;
}

export class ConsoleEventStreams {
  private readonly closers = new Map<string, Set<() => void>>();
  /** Whose session each open token is, so that disabling an account can end its streams. */
  private readonly owners = new Map<string, string>();

  constructor(private readonly parts: EventStreamParts) {}

  open(req: IncomingMessage, res: ServerResponse, token: string, session: Session): void {
    const { handoffs } = this.parts;
    res.writeHead(200, { ...this.parts.headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');

    let closed = false;
    let queueTimer: NodeJS.Timeout | undefined;
    let lastQueueEvent = 0;
    const stillSignedIn = async () => (await this.parts.sessionOf(token).catch(() => undefined)) !== undefined;
    // Each event waits for the session check, in turn, so events keep their order and none goes out after a sign-out.
    let pending: Promise<void> = Promise.resolve();
    const inTurn = (work: () => Promise<void>) => {
      pending = pending.then(work).catch(() => undefined);
    };
    const end = (signedOut: boolean) => {
      if (closed) return;
      if (signedOut) res.write('event: signed_out\ndata: {}\n\n');
      res.end();
      cleanUp();
    };
    const send = (event: string, data: unknown) =>
      inTurn(async () => {
        if (closed) return;
        if (!(await stillSignedIn())) return end(true);
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      });
    const sendQueue = () => {
      queueTimer = undefined;
      lastQueueEvent = Date.now();
      send('queue', {});
    };
    // A burst of changes becomes one refresh now and at most one more per gap, never a refresh per change.
    const onChanged = () => {
      if (queueTimer) return;
      const wait = lastQueueEvent + QUEUE_EVENT_GAP_MS - Date.now();
      if (wait <= 0) sendQueue();
      else queueTimer = setTimeout(sendQueue, wait);
    };
    const onLine = (event: { handoffId: number; line: TranscriptLine }) => send('line', { handoffId: event.handoffId, line: event.line });
    // Danger is never grouped or delayed: each alert goes at once, with the topic so the banner can say which chat.
    const onAlert = (event: { handoffId: number; kinds: string[] }) =>
      inTurn(async () => {
        const handoff = await handoffs.get(event.handoffId);
        send('alert', { ...event, topic: handoff?.summary.topic });
      });
    const onTyping = (event: { handoffId: number }) => send('typing', event);
    const keepAlive = setInterval(
      () =>
        inTurn(async () => {
          if (closed) return;
          if (!(await stillSignedIn())) return end(true);
          handoffs.adviserSeen(session.adviser.username);
          if (!closed) res.write(': still here\n\n');
        }),
      KEEP_ALIVE_MS,
    );

    const closeNow = () => end(true);
    let mine = this.closers.get(token);
    if (!mine) this.closers.set(token, (mine = new Set()));
    mine.add(closeNow);
    this.owners.set(token, session.adviser.username);
    const cleanUp = () => {
      closed = true;
      clearInterval(keepAlive);
      clearTimeout(queueTimer);
      handoffs.off('changed', onChanged);
      handoffs.off('line', onLine);
      handoffs.off('alert', onAlert);
      handoffs.off('typing', onTyping);
      mine.delete(closeNow);
      if (!mine.size && this.closers.get(token) === mine) {
        this.closers.delete(token);
        this.owners.delete(token);
      }
    };
    handoffs.on('changed', onChanged);
    handoffs.on('line', onLine);
    handoffs.on('alert', onAlert);
    handoffs.on('typing', onTyping);
    req.on('close', cleanUp);
  }

  /** Signing out: every stream opened with this session ends now. */
  closeSession(token: string): void {
    for (const close of [...(this.closers.get(token) ?? [])]) close();
  }

  /** An account disabled or its password reset: every stream of every one of its sessions ends now. */
  closeAdviser(username: string): void {
    for (const [token, owner] of [...this.owners]) if (owner === username) this.closeSession(token);
  }
}
