/**
 * The local Direct Line and its connector under hostile or unlucky use: stray WebSocket upgrades,
 * deeply nested JSON, floods of tokens and conversations, forged "bot" messages, restarts and
 * "delete my data".
 */
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
