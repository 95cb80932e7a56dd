/**
 * The website webchat's Direct Line, read as conversations: Microsoft's own Direct Line client
 * (botframework-directlinejs) talks to the local Direct Line 3.0 service, which hands messages to the
 * real bot; then the service's rules (tokens, errors) and the token endpoint of the DESIGN.md contract,
 * including the Azure path against a small fake Azure.
 */
import { createServer, IncomingMessage, Server as HttpServer } from 'node:http';
import { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { Client, connect, ConnectionStatus, fromBot, textOf } from './helpers/directLineClient';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(30_000);

interface TokenAnswer {
  token: string;
  domain: string;
}

async function getToken(server: TestServer): Promise<TokenAnswer> {
  const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenAnswer;
}

/** A raw Direct Line call, for the rules the client library hides. */
async function call(url: string, token: string | undefined, init: { method?: string; body?: string } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function startConversation(server: TestServer) {
  const { token, domain } = await getToken(server);
  const started = await call(`${domain}/conversations`, token, { method: 'POST' });
  expect(started.status).toBe(201);
  return { token, domain, conversationId: started.body.conversationId as string, streamUrl: started.body.streamUrl as string };
}

describe('A parent chats through the local Direct Line, with Microsoft\'s Direct Line client', () => {
  let server: TestServer;
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    while (clients.length) clients.pop()?.stop();
  });
  afterAll(() => server.stop());

  it('is welcomed, asks "what is early help" and reads the answer, over the WebSocket', async () => {
    const { token, domain } = await getToken(server);
    expect(domain).toBe(`${server.url}/v3/directline`);
    const client = connect({ domain, token });
    clients.push(client);

    const hello = await client.waitFor(fromBot);
    expect(textOf(hello)).toMatch(/computer, not a person/);
    await client.waitFor((a) => fromBot(a) && /What is happening\?/.test(textOf(a)));
    expect(client.directLine.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);

    const id = await client.say('what is early help', { channelData: { clientActivityID: 'parent-1' } });
    const echo = await client.waitFor((a) => a.id === id);
    expect(echo).toMatchObject({ text: 'what is early help', from: { role: 'user' }, channelData: { clientActivityID: 'parent-1' } });

    const answer = await client.waitFor((a) => fromBot(a) && a.replyToId === id);
    expect(textOf(answer)).toMatch(/Early help/i);
    const withButtons = await client.waitFor((a) => fromBot(a) && !!a.suggestedActions?.actions?.length && a.replyToId === id);
    expect(withButtons.suggestedActions?.actions.map((a) => a.title)).toContain('Talk to a person');
  });

  it('gets the same answers by polling when WebSockets are off', async () => {
    const { token, domain } = await getToken(server);
    const client = connect({ domain, token, webSocket: false });
    clients.push(client);

    await client.waitFor((a) => fromBot(a) && /computer, not a person/.test(textOf(a)));
    const id = await client.say('what is early help');
    const answer = await client.waitFor((a) => fromBot(a) && a.replyToId === id);
    expect(textOf(answer)).toMatch(/Early help/i);
  });

  it('hears a message the bot sends on its own (proactively) through the connector endpoints', async () => {
    const { token, domain } = await getToken(server);
    const client = connect({ domain, token });
    clients.push(client);
    await client.waitFor(fromBot);
    const conversationId = (client.received[0].conversation as { id: string }).id;

    // What the adapter's continueConversation does for an adviser: a Bot Connector call to the serviceUrl.
    const sent = await call(`${server.directLine!.serviceUrl()}/v3/conversations/${conversationId}/activities`, undefined, {
      method: 'POST',
      body: JSON.stringify({ type: 'message', text: 'An adviser has joined the chat.', from: { id: 'advice-bot' } }),
    });
    expect(sent.status).toBe(200);
    const heard = await client.waitFor((a) => a.id === sent.body.id);
    expect(textOf(heard)).toBe('An adviser has joined the chat.');

    const updated = await call(`${server.directLine!.serviceUrl()}/v3/conversations/${conversationId}/activities/${encodeURIComponent(sent.body.id)}`, undefined, {
      method: 'PUT',
      body: JSON.stringify({ type: 'message', text: 'An adviser has joined.' }),
    });
    expect(updated.status).toBe(200);
    const deleted = await call(`${server.directLine!.serviceUrl()}/v3/conversations/${conversationId}/activities/${encodeURIComponent(sent.body.id)}`, undefined, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const nowhere = await call(`${server.directLine!.serviceUrl()}/v3/conversations/no-such-conversation/activities`, undefined, {
      method: 'POST',
      body: JSON.stringify({ type: 'message', text: 'hello?' }),
    });
    expect(nowhere.status).toBe(404);
  });

  it('picks up where it left off after reconnecting with a watermark', async () => {
    const { token, domain, conversationId } = await startConversation(server);
    const first = await call(`${domain}/conversations/${conversationId}/activities`, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const all = await call(`${domain}/conversations/${conversationId}/activities`, token);
    expect(all.body.activities.length).toBeGreaterThanOrEqual(first.body.activities.length);
    const watermark = all.body.watermark as string;

    const reconnected = await call(`${domain}/conversations/${conversationId}?watermark=${watermark}`, token);
    expect(reconnected.status).toBe(200);
    expect(reconnected.body).toMatchObject({ conversationId, token });
    expect(reconnected.body.streamUrl).toMatch(new RegExp(`^ws://localhost:\\d+/v3/directline/conversations/${conversationId}/stream\\?watermark=${watermark}&t=`));

    const socket = new WebSocket(reconnected.body.streamUrl);
    const sets: { activities: { text?: string; from: { role?: string } }[] }[] = [];
    socket.on('message', (data) => String(data) && sets.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    const posted = await call(`${domain}/conversations/${conversationId}/activities`, token, {
      method: 'POST',
      body: JSON.stringify({ type: 'message', text: 'what is a child in need plan', from: { id: 'parent' } }),
    });
    expect(posted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.close();
    const texts = sets.flatMap((s) => s.activities.map((a) => a.text));
    expect(texts[0]).toBe('what is a child in need plan');
    expect(texts.some((t) => /child in need/i.test(t ?? '') && t !== 'what is a child in need plan')).toBe(true);
    expect(texts).not.toContain(all.body.activities[0].text);

    // A stream URL works once: it carries a one-use ticket, not the token.
    const reused = new WebSocket(reconnected.body.streamUrl);
    const refusal = await new Promise<number | undefined>((resolve) => {
      reused.on('unexpected-response', (_req, res: IncomingMessage) => resolve(res.statusCode));
      reused.on('open', () => resolve(101));
    });
    expect(refusal).toBe(403);
  });
});

describe('The local Direct Line keeps each conversation to its own token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => server.stop());

  it("refuses a token for conversation A on conversation B with 403", async () => {
    const a = await startConversation(server);
    const b = await startConversation(server);
    for (const [method, path] of [
      ['GET', `/conversations/${b.conversationId}/activities`],
      ['GET', `/conversations/${b.conversationId}`],
      ['POST', `/conversations/${b.conversationId}/activities`],
    ] as const) {
      const answer = await call(`${a.domain}${path}`, a.token, { method, body: method === 'POST' ? JSON.stringify({ type: 'message', text: 'hi' }) : undefined });
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.body.error.code).toBe('Forbidden');
    }
    expect((await call(`${a.domain}/conversations/${a.conversationId}/activities`, a.token)).status).toBe(200);
  });

  it('asks for credentials (401) when there are none, and refuses unknown ones (403)', async () => {
    const { domain, conversationId } = await startConversation(server);
    const none = await call(`${domain}/conversations/${conversationId}/activities`, undefined);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    expect((await call(`${domain}/conversations/${conversationId}/activities`, 'made-up-token')).status).toBe(403);
    // Only this server holds the secret that generates tokens directly; the page uses /api/directline/token.
    expect((await call(`${domain}/tokens/generate`, undefined, { method: 'POST' })).status).toBe(401);
    expect((await call(`${domain}/tokens/generate`, 'guessed-secret', { method: 'POST' })).status).toBe(403);
  });

  it('refuses an expired token with 403, and a refreshed token carries on', async () => {
    const { token, domain, conversationId } = await startConversation(server);
    const refreshed = await call(`${domain}/tokens/refresh`, token, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ conversationId, token: expect.any(String), expires_in: 1800 });
    expect(refreshed.body.token).not.toBe(token);

    // Twenty minutes later the first token is still good; its refreshed one is good for longer.
    const moveClock = (minutes: number) =>
      jest.useFakeTimers({
        now: Date.now() + minutes * 60_000,
        advanceTimers: true,
        doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'],
      });
    moveClock(20);
    const later = await call(`${domain}/tokens/refresh`, refreshed.body.token, { method: 'POST' });
    expect(later.status).toBe(200);
    jest.useRealTimers();

    moveClock(31);
    const expired = await call(`${domain}/conversations/${conversationId}/activities`, token);
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('TokenExpired');
    expect((await call(`${domain}/tokens/refresh`, token, { method: 'POST' })).status).toBe(403);
    expect((await call(`${domain}/conversations/${conversationId}/activities`, later.body.token)).status).toBe(200);
  });

  it('refuses a malformed body with 400 that names the bad field', async () => {
    const { token, domain, conversationId } = await startConversation(server);
    const url = `${domain}/conversations/${conversationId}/activities`;

    const noType = await call(url, token, { method: 'POST', body: JSON.stringify({ text: 'hello' }) });
    expect(noType.status).toBe(400);
    expect(noType.body.error.message).toMatch(/type/);

    const numberText = await call(url, token, { method: 'POST', body: JSON.stringify({ type: 'message', text: 42 }) });
    expect(numberText.status).toBe(400);
    expect(numberText.body.error).toEqual({ code: 'BadArgument', message: expect.stringMatching(/text/) });

    const brokenJson = await call(url, token, { method: 'POST', body: '{"type": "message", "text": ' });
    expect(brokenJson.status).toBe(400);
    expect(brokenJson.body.error.code).toBe('BadArgument');

    const badStart = await call(`${domain}/conversations`, token, { method: 'POST', body: JSON.stringify({ user: { id: 7 } }) });
    expect(badStart.status).toBe(400);
    expect(badStart.body.error.message).toMatch(/user\.id/);

    const badReply = await call(`${server.directLine!.serviceUrl()}/v3/conversations/${conversationId}/activities`, undefined, {
      method: 'POST',
      body: JSON.stringify({ text: 'no type' }),
    });
    expect(badReply.status).toBe(400);
    expect(badReply.body.error.message).toMatch(/type/);

    const stillWorks = await call(url, token, { method: 'POST', body: JSON.stringify({ type: 'message', text: 'help' }) });
    expect(stillWorks.status).toBe(200);
  });
});

describe('POST /api/directline/token (the contract the page relies on)', () => {
  it('gives a token and domain for the local Direct Line by default', async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as TokenAnswer;
      expect(Object.keys(body).sort()).toEqual(['domain', 'token']);
      expect(body.domain).toBe(`${server.url}/v3/directline`);
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      const junk = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' });
      expect(junk.status).toBe(400);
    } finally {
      await server.stop();
    }
  });

  describe('with DIRECTLINE_SECRET set, against a fake Azure Direct Line', () => {
    let azure: HttpServer;
    let endpoint: string;
    let refuse = false;
    const seen: { path?: string; authorization?: string; body: string }[] = [];
    let server: TestServer;

    beforeAll(async () => {
      azure = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          seen.push({ path: req.url, authorization: req.headers.authorization, body });
          if (refuse || req.headers.authorization !== 'Bearer azure-test-secret') {
            res.writeHead(403, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'bad secret azure-test-secret' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ conversationId: 'azure-conversation', token: 'azure-issued-token', expires_in: 3600 }));
        });
      });
      await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
      server = await startTestServer({ DIRECTLINE_SECRET: 'azure-test-secret', DIRECTLINE_ENDPOINT: endpoint });
    });
    afterAll(async () => {
      await server.stop();
      await new Promise((resolve) => azure.close(resolve));
    });

    it('exchanges the secret for a token with Azure, and only the token reaches the browser', async () => {
      const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(text)).toEqual({ token: 'azure-issued-token', domain: endpoint });
      expect(text).not.toContain('azure-test-secret');
      expect(seen.at(-1)).toMatchObject({ path: '/v3/directline/tokens/generate', authorization: 'Bearer azure-test-secret' });
      expect(JSON.parse(seen.at(-1)?.body ?? '{}').user.id).toMatch(/^dl_/);
    });

    it('says the chat is unavailable when Azure refuses, without repeating what Azure said', async () => {
      refuse = true;
      try {
        const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text).error.code).toBe('ServiceError');
        expect(text).not.toContain('azure-test-secret');
      } finally {
        refuse = false;
      }
    });

    it('does not run the local Direct Line, and lets the page connect to Azure', async () => {
      expect((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
      const page = await fetch(`${server.url}/`);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(new RegExp(`connect-src 'self' ws://localhost:\\d+ http://127\\.0\\.0\\.1:\\d+ ws://127\\.0\\.0\\.1:\\d+`));
    });
  });

  it('explains that webchat needs a Direct Line secret when the bot has a Microsoft app id', async () => {
    const server = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const response = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/DIRECTLINE_SECRET/);
      expect((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
