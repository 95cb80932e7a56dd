/**
 * A stand-in for a Bot Framework channel's connector service: the bot sends proactive messages
 * (an adviser's words, "you are now number 1") to serviceUrl, and this records them.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  conversationId: string;
  type: string;
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
  channelData?: Record<string, unknown>;
  /** The user's activity this answers, when the bot replied rather than sent. */
  replyToId?: string;
}

export interface FakeChannel {
  serviceUrl: string;
  received: ReceivedActivity[];
  /** Resolves when a message for the conversation matching the pattern has arrived. */
  waitFor(conversationId: string, pattern: RegExp, timeoutMs?: number): Promise<ReceivedActivity>;
  textsFor(conversationId: string): string[];
  close(): Promise<void>;
}

export async function startFakeChannel(): Promise<FakeChannel> {
  const received: ReceivedActivity[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const activity = JSON.parse(body || '{}');
        received.push({ conversationId: decodeURIComponent(match[1]), type: activity.type, text: activity.text, suggestedActions: activity.suggestedActions, channelData: activity.channelData, replyToId: activity.replyToId });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const textsFor = (conversationId: string) => received.filter((a) => a.conversationId === conversationId && a.type === 'message').map((a) => a.text ?? '');
  return {
    serviceUrl,
    received,
    textsFor,
    async waitFor(conversationId, pattern, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((a) => a.conversationId === conversationId && pattern.test(a.text ?? ''));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No message matching ${pattern} for ${conversationId}; got: ${JSON.stringify(textsFor(conversationId))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
