/**
 * Plain HTTP clients for a server in another process: a family on a Bot Framework channel
 * (/api/messages), a family on webchat (the Direct Line 3.0 REST API the page's client uses) and
 * an adviser on the console API. They import nothing from src/, so the process under test is
 * the only copy of the server.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export interface BotReply {
  type: string;
  text?: string;
  name?: string;
  replyToId?: string;
}

export const APOLOGY = /something went wrong/i;

/** One message on a Bot Framework channel; with expectReplies the replies come back in the answer. */
export interface ChannelTurn {
  url: string;
  channelId?: string;
  conversationId: string;
  userId?: string;
  text: string;
  serviceUrl: string;
  expectReplies?: boolean;
  id?: string;
}

export async function channelTurn(turn: ChannelTurn): Promise<{ status: number; replies: BotReply[]; id: string }> {
  const id = turn.id ?? randomUUID();
  const response = await fetch(`${turn.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id,
      text: turn.text,
      channelId: turn.channelId ?? 'emulator',
      serviceUrl: turn.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: turn.userId ?? `user-${turn.conversationId}`, name: 'Family' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: turn.conversationId },
      ...(turn.expectReplies === false ? {} : { deliveryMode: 'expectReplies' }),
    }),
  });
  const body = await response.text();
  const parsed = body ? (JSON.parse(body) as { activities?: BotReply[] }) : {};
  return { status: response.status, replies: parsed.activities ?? [], id };
}

export const textsOf = (replies: BotReply[]) => replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
export const joined = (replies: BotReply[]) => textsOf(replies).join('\n');

/** A family on one channel conversation, speaking with expectReplies; every answer must be a 200. */
export function channelFamily(url: () => string, serviceUrl: string, conversationId: string, channelId = 'emulator') {
  return async (text: string) => {
    const result = await channelTurn({ url: url(), conversationId, channelId, text, serviceUrl });
    if (result.status !== 200) throw new Error(`${conversationId}: "${text}" got HTTP ${result.status}`);
    return result.replies;
  };
}

/** A webchat family on the built-in Direct Line, through its REST API (token, start, post, poll). */
export interface WebchatFamily {
  conversationId: string;
  token: string;
  domain: string;
  /** Posts a message; resolves with the HTTP status and the id the service gave it. */
  post(text: string): Promise<{ status: number; id?: string }>;
  /** Every activity the service keeps (from a watermark, when given), with the status of the GET and the next watermark. */
  activities(watermark?: string): Promise<{ status: number; activities: BotReply[]; watermark?: string }>;
  /** Waits until a bot message matching the pattern has arrived from the `after` watermark on. */
  waitForBot(pattern: RegExp, options?: { after?: string; ms?: number }): Promise<BotReply>;
  /** Posts and waits for the bot's next message that matches. */
  say(text: string, pattern?: RegExp): Promise<BotReply>;
}

/**
 * A family opens the webchat: a token, then the conversation. `from` is the loopback address they
 * come from (127.0.0.2, say): new chats are limited per address, so a family on another address
 * is not slowed by a flood from 127.0.0.1.
 */
export async function startWebchat(url: string, from?: string): Promise<WebchatFamily> {
  const tokenResponse = await postFrom(`${url}/api/directline/token`, { 'content-type': 'application/json' }, '{}', from);
  if (tokenResponse.status !== 200) throw new Error(`token: HTTP ${tokenResponse.status}`);
  const { token: first, domain } = JSON.parse(tokenResponse.body) as { token: string; domain: string };
  const started = await postFrom(`${domain}/conversations`, { authorization: `Bearer ${first}` }, '', from);
  if (started.status !== 201 && started.status !== 200) throw new Error(`start: HTTP ${started.status}`);
  const { conversationId, token } = JSON.parse(started.body) as { conversationId: string; token: string };
  return webchatFamily(domain, conversationId, token ?? first);
}

/** A POST from a chosen local address (fetch cannot choose one). */
function postFrom(url: string, headers: Record<string, string>, body: string, localAddress?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, localAddress }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The same family again (after a restart): same domain, conversation and token. */
export function webchatFamily(domain: string, conversationId: string, token: string): WebchatFamily {
  const base = `${domain}/conversations/${encodeURIComponent(conversationId)}/activities`;
  const auth = { authorization: `Bearer ${token}` };
  const family: WebchatFamily = {
    conversationId,
    token,
    domain,
    async post(text) {
      const response = await fetch(base, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: 'webchat-parent', name: 'Parent' }, channelData: { clientActivityID: randomUUID() } }),
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string };
      return { status: response.status, id: body.id };
    },
    async activities(watermark?: string) {
      const response = await fetch(watermark === undefined ? base : `${base}?watermark=${encodeURIComponent(watermark)}`, { headers: auth });
      const body = (await response.json().catch(() => ({}))) as { activities?: (BotReply & { from?: { role?: string; id?: string } })[]; watermark?: string };
      return { status: response.status, activities: body.activities ?? [], watermark: body.watermark };
    },
    async waitForBot(pattern, { after, ms = 10_000 } = {}) {
      const deadline = Date.now() + ms;
      let seen: BotReply[] = [];
      while (Date.now() < deadline) {
        // From the watermark on: "delete my data" removes the stored copy, so counting activities would miss new ones.
        const { activities } = await family.activities(after);
        seen = activities;
        const found = seen.find((a) => a.type === 'message' && (a as { from?: { role?: string } }).from?.role === 'bot' && pattern.test(a.text ?? ''));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`webchat ${conversationId}: no bot message matching ${pattern}; got ${JSON.stringify(seen.map((a) => a.text ?? `[${a.type}]`))}`);
    },
    async say(text, pattern = /./) {
      const before = (await family.activities()).watermark;
      const posted = await family.post(text);
      if (posted.status !== 200) throw new Error(`webchat ${conversationId}: "${text}" got HTTP ${posted.status}`);
      return family.waitForBot(pattern, { after: before });
    },
  };
  return family;
}

/** An adviser signed in to the console: the session cookie and the CSRF token, as the page uses them. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function signInAdviser(url: string, username: string, password: string): Promise<ConsoleSession> {
  const response = await fetch(`${url}/advisers/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json().catch(() => ({}))) as { csrfToken?: string };
  if (response.status !== 200 || !body.csrfToken) throw new Error(`sign-in as ${username}: HTTP ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = body.csrfToken;
  return {
    cookie,
    csrf,
    async call(method, path, payload) {
      const headers: Record<string, string> = { cookie };
      if (method !== 'GET') headers['x-csrf-token'] = csrf;
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const answer = await fetch(`${url}${path}`, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
      const text = await answer.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: keep the text, so a failing test shows what came back.
      }
      return { status: answer.status, body: parsed };
    },
  };
}

/** Waits until the check passes (or fails with the last problem after `ms`). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 5000, every = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, every));
    }
  }
}
