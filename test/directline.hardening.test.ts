/**
 * The local Direct Line and its connector under hostile or unlucky use: stray WebSocket upgrades,
 * deeply nested JSON, floods of tokens and conversations, forged "bot" messages, restarts and
 * "delete my data".
 */
import { request } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(30_000);

/** Sends a raw upgrade request; resolves with what came back and whether the server closed the socket. */
function rawUpgrade(server: TestServer, path: string): Promise<{ answer: string; closed: boolean }> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connectSocket(Number(port), '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, 3000);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
  });
}

describe('WebSocket upgrades', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it.each(['/api/messages', '/advisers/api/events', '/nowhere'])('to %s are answered 404 and closed', async (path) => {
    const { answer, closed } = await rawUpgrade(server, path);
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    expect(closed).toBe(true);
  });

  it('to the stream without a ticket are answered 401 and closed', async () => {
    const { answer, closed } = await rawUpgrade(server, '/v3/directline/conversations/abc/stream');
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(closed).toBe(true);
  });

  it('are answered 404 and closed when the local Direct Line is not running', async () => {
    const azure = await startTestServer({ DIRECTLINE_SECRET: 'some-secret', DIRECTLINE_ENDPOINT: 'http://127.0.0.1:9/v3/directline' });
    try {
      const { answer, closed } = await rawUpgrade(azure, '/v3/directline/conversations/abc/stream');
      expect(answer).toMatch(/^HTTP\/1\.1 404/);
      expect(closed).toBe(true);
    } finally {
      await azure.stop();
    }
  });
});

/** {"a":{"a":...}} nested `depth` levels, built as text so that building it cannot overflow. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

async function rawCall(url: string, token: string | undefined, init: { method?: string; body?: string } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

async function startConversation(server: TestServer) {
  const { token, domain } = (await (await fetch(`${server.url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; domain: string };
  const started = await rawCall(`${domain}/conversations`, token, { method: 'POST' });
  expect(started.status).toBe(201);
  return { token, domain, conversationId: started.body.conversationId as string };
}

describe('deeply nested JSON', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it.each(['value', 'channelData'])('in an activity\'s %s is refused with 400 naming the field', async (field) => {
    const { token, domain, conversationId } = await startConversation(server);
    const body = `{"type":"message","text":"hi","${field}":${nested(20_000)}}`;
    const answer = await rawCall(`${domain}/conversations/${conversationId}/activities`, token, { method: 'POST', body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'BadArgument', message: expect.stringMatching(new RegExp(`^Invalid request body: ${field}\\.a`)) });
  });

  it('a little nesting is still fine', async () => {
    const { token, domain, conversationId } = await startConversation(server);
    const answer = await rawCall(`${domain}/conversations/${conversationId}/activities`, token, { method: 'POST', body: `{"type":"event","name":"x","value":${nested(10)}}` });
    expect(answer.status).toBe(200);
  });
});

async function waitForActivities(get: () => Promise<{ text?: string; from: { role?: string } }[]>, pattern: RegExp) {
  for (let i = 0; i < 50; i++) {
    const activities = await get();
    if (activities.some((a) => a.from.role === 'bot' && pattern.test(a.text ?? ''))) return activities;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot never said ${pattern}`);
}

describe('the connector endpoints the bot replies to', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const post = (base: string, conversationId: string, text: string) =>
    rawCall(`${base}/v3/conversations/${conversationId}/activities`, undefined, { method: 'POST', body: JSON.stringify({ type: 'message', text, from: { id: 'advice-bot' } }) });

  it('take the bot\'s own calls, and refuse anyone without the secret in the path (403)', async () => {
    const { token, domain, conversationId } = await startConversation(server);
    const serviceUrl = server.directLine!.serviceUrl();
    expect(serviceUrl).toMatch(new RegExp(`^${server.url}/directline-connector/[\\w-]{40,}$`));

    expect((await post(`${server.url}/directline-connector/not-the-secret`, conversationId, 'Fake bot: call 0900 000000')).status).toBe(403);
    const oneOff = serviceUrl.slice(0, -1) + (serviceUrl.endsWith('x') ? 'y' : 'x');
    expect((await post(oneOff, conversationId, 'Fake bot: call 0900 000000')).status).toBe(403);
    expect((await post(`${server.url}/directline-connector`, conversationId, 'Fake bot: call 0900 000000')).status).toBe(404);
    expect((await post(serviceUrl, conversationId, 'The real bot.')).status).toBe(200);

    const seen = (await rawCall(`${domain}/conversations/${conversationId}/activities`, token)).body.activities.map((a: { text?: string }) => a.text);
    expect(seen).toContain('The real bot.');
    expect(seen.join(' ')).not.toMatch(/Fake bot/);
  });

  it('keep their secret across a restart, so stored handoff references still work', async () => {
    const first = await startTestServer();
    const before = first.directLine!.serviceUrl();
    const port = new URL(first.url).port;
    await first.stop({ keepData: true });
    const second = await startTestServer({ PORT: port }, undefined, first.dataDir);
    try {
      expect(second.directLine!.serviceUrl()).toBe(before);
    } finally {
      await second.stop();
    }
  });
});

describe('POST /api/directline/token from one address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: '1' });
  });
  afterAll(() => server.stop());

  const ask = (address: string) => fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': address } });

  it('is refused kindly (429, Retry-After) after twenty at once, while other addresses and earlier tokens carry on', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await ask('203.0.113.9'));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const { token, domain } = (await answers[0].json()) as { token: string; domain: string };

    const refused = await ask('203.0.113.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(/wait a little/) } });

    expect((await ask('198.51.100.7')).status).toBe(200);
    expect((await rawCall(`${domain}/conversations`, token, { method: 'POST' })).status).toBe(201);
  });
});

describe('X-Forwarded-For without TRUST_PROXY', () => {
  it('is ignored: a caller cannot pick a fresh address for each request', async () => {
    const server = await startTestServer();
    try {
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await server.stop();
    }
  });
});

describe('"delete my data" in a webchat', () => {
  it('also deletes the Direct Line\'s copy of the conversation', async () => {
    const server = await startTestServer();
    try {
      const { token, domain, conversationId } = await startConversation(server);
      const url = `${domain}/conversations/${conversationId}/activities`;
      const get = async () => (await rawCall(url, token)).body.activities as { text?: string; from: { role?: string } }[];
      const say = (text: string) => rawCall(url, token, { method: 'POST', body: JSON.stringify({ type: 'message', text, from: { id: 'parent' } }) });
      await waitForActivities(get, /computer, not a person/);
      await say('my number is 07700 900123 and the meeting is friday');
      await say('delete my data');
      await say('Yes, delete it');
      const after = await waitForActivities(get, /deleted/i);
      expect(JSON.stringify(after)).not.toContain('07700');
      const stored = await server.sql.all('SELECT body FROM directline_activities');
      expect(JSON.stringify(stored)).not.toContain('07700');
    } finally {
      await server.stop();
    }
  });
});

/** A request with a Host header of our choosing (fetch does not let a caller set one). */
function withHost(server: TestServer, method: string, path: string, host: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), method, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the webchat opened at http://127.0.0.1:PORT/', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('gets a Direct Line domain and stream URL at that same address, which its CSP allows', async () => {
    const origin = server.url.replace('localhost', '127.0.0.1');
    const page = await fetch(`${origin}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    const { port } = new URL(origin);
    expect(csp).toMatch(new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${port}(;|$)`));

    const answer = (await (await fetch(`${origin}/api/directline/token`, { method: 'POST' })).json()) as { token: string; domain: string };
    expect(answer.domain).toBe(`${origin}/v3/directline`);
    const started = await rawCall(`${answer.domain}/conversations`, answer.token, { method: 'POST' });
    expect(started.body.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/v3/directline/conversations/`));
  });

  it.each(['evil.example/<script>', 'a b', "'unsafe-inline'"])('ignores a Host that is not a plain host and port (%j)', async (host) => {
    const token = await withHost(server, 'POST', '/api/directline/token', host);
    expect(token.status).toBe(200);
    expect(JSON.parse(token.body).domain).toBe(`${server.url}/v3/directline`);
    const page = await withHost(server, 'GET', '/', host);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/connect-src 'self' ws:\/\/localhost:\d+;/);
  });
});
