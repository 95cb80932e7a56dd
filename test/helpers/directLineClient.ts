/**
 * Microsoft's Direct Line client (botframework-directlinejs) under Node 20, which has neither
 * XMLHttpRequest nor WebSocket: xhr2 and ws stand in for them. Also small helpers to wait for
 * what the bot says.
 */
import { Activity, ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import WebSocket from 'ws';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const XMLHttpRequestForNode = require('xhr2');

const globals = globalThis as unknown as { XMLHttpRequest?: unknown; WebSocket?: unknown };
globals.XMLHttpRequest ??= XMLHttpRequestForNode;
globals.WebSocket ??= WebSocket;

export { ConnectionStatus };

/** An activity as received, with the fields the bot sets that directlinejs's type leaves out. */
export type Received = Activity & { replyToId?: string; suggestedActions?: { actions: { title?: string }[] } };

export interface Client {
  directLine: DirectLine;
  /** Everything received so far, in order. */
  received: Received[];
  /** Waits until an activity matching the test has been received (or fails after `ms`). */
  waitFor: (test: (activity: Received) => boolean, ms?: number) => Promise<Received>;
  /** Sends a message and resolves with the id the service gave it. */
  say: (text: string, extra?: Partial<Activity>) => Promise<string>;
  stop: () => void;
}

export function connect(options: { domain: string; token: string; webSocket?: boolean; conversationId?: string; watermark?: string }): Client {
  const directLine = new DirectLine({ ...options, pollingInterval: 200, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  const received: Received[] = [];
  const waiters: { test: (a: Received) => boolean; resolve: (a: Received) => void }[] = [];
  const subscription = directLine.activity$.subscribe((incoming) => {
    const activity = incoming as Received;
    received.push(activity);
    for (const waiter of [...waiters]) {
      if (waiter.test(activity)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  });
  return {
    directLine,
    received,
    waitFor: (test, ms = 10_000) => {
      const already = received.find(test);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing matching arrived in ${ms} ms; got: ${received.map(textOf).join(' | ')}`)), ms);
        waiters.push({ test, resolve: (a) => (clearTimeout(timer), resolve(a)) });
      });
    },
    say: (text, extra = {}) =>
      new Promise((resolve, reject) => {
        directLine
          .postActivity({ type: 'message', text, from: { id: 'parent', name: 'Parent' }, ...extra } as Activity)
          .subscribe({ next: (id: string) => resolve(id), error: reject });
      }),
    stop: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

export function textOf(activity: Activity): string {
  return activity.type === 'message' ? (activity.text ?? '') : `[${activity.type}]`;
}

export const fromBot = (activity: Activity) => activity.type === 'message' && activity.from.role === 'bot';
