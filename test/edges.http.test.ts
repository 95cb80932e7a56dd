/**
 * The bot's front door under hostile or odd requests: each answer is a clear 4xx and the server
 * keeps serving everyone else. Each case here once crashed the server or let a stranger misuse it.
 */
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

const activity = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'message',
    text: 'hello',
    channelId: 'emulator',
    conversation: { id: 'edge-1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
    ...extra,
  });

async function post(server: TestServer, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

async function stillServing(server: TestServer): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const { status, replies } = await postActivity(server.url, { type: 'message', text: 'what is early help', conversation: { id: `alive-${Math.random()}` } });
  expect(status).toBe(200);
  expect(replies.length).toBeGreaterThan(0);
}

describe('the bot endpoint, without an app id', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('refuses a body that claims to be gzip (it once killed the process)', async () => {
    for (const path of ['/api/messages', '/api/directline/token', '/advisers/api/session']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"type":"message"}' });
      expect(response.status).toBe(415);
    }
    await stillServing(server);
  });

  it.each(['not a date', '', '2026-13-45T99:99:99Z', 1e20, 8640000000000001, 'x'.repeat(64)])('refuses the timestamp %p with a 400 that names it', async (timestamp) => {
    const { status, text } = await post(server, activity({ timestamp }));
    expect(status).toBe(400);
    expect(text).toMatch(/timestamp/);
    await stillServing(server);
  });

  it('refuses form-encoded activities, which any web page could send', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=message&text=hi&channelId=emulator&conversation[id]=c&from[id]=u',
    });
    expect(response.status).toBe(415);
  });

  it('refuses JSON nested thousands deep with a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const { status, text } = await post(server, activity({ value: '__DEEP__' }).replace('"__DEEP__"', deep));
    expect(status).toBe(400);
    expect(text).toMatch(/nested/);
    await stillServing(server);
  });

  it('answers a message of one 100,000-letter word kindly, and keeps serving', async () => {
    const word = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('');
    const { status, replies } = await postActivity(server.url, { type: 'message', text: word, conversation: { id: 'edge-long' } });
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    await stillServing(server);
  });

  it('stores a lone surrogate as a replacement character, never as broken bytes', async () => {
    await postActivity(server.url, { type: 'message', text: 'hello \ud800 there', conversation: { id: 'edge-surrogate' } });
    const rows = await server.sql.all<{ text: string }>("SELECT text FROM transcript WHERE conversation_id = 'edge-surrogate' AND sender = 'user'");
    expect(rows.map((r) => r.text)).toEqual(['hello \ufffd there']);
  });

  it('keeps transcript times to its own clock, whatever timestamp the channel sent', async () => {
    await postActivity(server.url, { type: 'message', text: 'hello', conversation: { id: 'edge-time' }, timestamp: '2001-01-01T00:00:00Z' });
    const [row] = await server.sql.all<{ at: number }>("SELECT at FROM transcript WHERE conversation_id = 'edge-time' AND sender = 'user'");
    expect(Math.abs(row.at - Date.now())).toBeLessThan(60_000);
  });

  it('never sends replies to a serviceUrl outside the allowed list', async () => {
    const { status, text } = await post(server, activity({ deliveryMode: undefined, serviceUrl: 'http://169.254.169.254/latest/' }));
    expect(status).toBe(403);
    expect(text).toMatch(/serviceUrl/);
  });

  it('needs a serviceUrl unless the replies come back in the answer', async () => {
    const { status, text } = await post(server, activity({ deliveryMode: undefined }));
    expect(status).toBe(400);
    expect(text).toMatch(/serviceUrl/);
  });
});

describe('the bot endpoint, with an allow-list that leaves out loopback', () => {
  it('refuses unsigned activities from an address not on the list', async () => {
    const server = await startTestServer({ UNSIGNED_ALLOWED_ADDRESSES: '10.9.9.9' });
    try {
      expect((await post(server, activity())).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});

describe('the bot endpoint, with an app id', () => {
  it('answers a forged token with 401, never a 500 that leaks where it looked', async () => {
    const server = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-password' });
    try {
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'forged', typ: 'JWT' })).toString('base64url');
      const claims = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-000000000001', exp: 4102444800 })).toString('base64url');
      const forged = `${header}.${claims}.${Buffer.from('signature').toString('base64url')}`;
      for (const authorization of [`Bearer ${forged}`, 'Bearer garbage', '']) {
        const { status, text } = await post(server, activity({ deliveryMode: undefined, serviceUrl: 'https://smba.trafficmanager.net/uk/' }), authorization ? { authorization } : {});
        expect(status).toBe(401);
        expect(text).not.toMatch(/botframework\.com|getaddrinfo|ENOTFOUND/);
      }
    } finally {
      await server.stop();
    }
  });
});
