/**
 * A webchat family on the built-in Direct Line, in a live chat with an adviser, across a restart of
 * the server; and what the adviser is told when the family's chat is gone for good.
 */
import { addAdviser, AdviserClient, signIn } from './helpers/adviserClient';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(60_000);

const clock = new Date('2026-11-23T14:00:00Z');
const now = () => clock;

interface Family {
  token: string;
  domain: string;
  conversationId: string;
}

async function call(url: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function openWebchat(server: TestServer): Promise<Family> {
  const { token, domain } = (await (await fetch(`${server.url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; domain: string };
  const started = await call(`${domain}/conversations`, token, { method: 'POST' });
  expect(started.status).toBe(201);
  return { token, domain, conversationId: started.body.conversationId };
}

const say = (family: Family, text: string) =>
  call(`${family.domain}/conversations/${family.conversationId}/activities`, family.token, { method: 'POST', body: { type: 'message', text, from: { id: 'parent' } } });

async function botTexts(family: Family): Promise<string[]> {
  const answer = await call(`${family.domain}/conversations/${family.conversationId}/activities`, family.token);
  expect(answer.status).toBe(200);
  return (answer.body.activities as { from: { role?: string }; text?: string }[]).filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
}

async function waitForBot(family: Family, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await botTexts(family)).some((t) => pattern.test(t))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot never said ${pattern}; it said: ${(await botTexts(family)).join(' | ')}`);
}

/** The family asks for a person and consents; the adviser accepts. */
async function liveChat(server: TestServer, adviser: AdviserClient): Promise<{ family: Family; handoffId: number }> {
  const family = await openWebchat(server);
  await waitForBot(family, /computer, not a person/);
  expect((await say(family, 'talk to a person')).status).toBe(200);
  expect((await say(family, 'Yes, pass it on')).status).toBe(200);
  expect((await say(family, 'skip')).status).toBe(200);
  await waitForBot(family, /You are number 1 in the queue/);
  const [waiting] = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
  expect((await adviser.call('POST', `/advisers/api/handoffs/${waiting.id}/accept`)).status).toBe(200);
  await waitForBot(family, /an adviser, has joined the chat/);
  return { family, handoffId: waiting.id };
}

describe('a restart during a live webchat with an adviser', () => {
  it('keeps the family\'s token and conversation, and the adviser\'s next message reaches them', async () => {
    const first = await startTestServer({}, now);
    let second: TestServer | undefined;
    try {
      await addAdviser(first, 'sam');
      const { family, handoffId } = await liveChat(first, await signIn(first, 'sam'));
      const port = new URL(first.url).port;
      await first.stop({ keepData: true });
      // Let the client notice that its pooled connections to the old process are closed.
      await new Promise((resolve) => setTimeout(resolve, 200));

      // Same port and data folder: the stored handoff's serviceUrl points here, secret included.
      second = await startTestServer({ PORT: port }, now, first.dataDir);
      expect((await botTexts(family)).some((t) => /has joined the chat/.test(t))).toBe(true);
      expect((await say(family, 'are you still there?')).status).toBe(200);

      const adviser = await signIn(second, 'sam');
      const transcript = (await adviser.call('GET', `/advisers/api/handoffs/${handoffId}`)).body.transcript.map((l: { text: string }) => l.text);
      expect(transcript).toContain('are you still there?');
      const sent = await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/messages`, { text: 'Yes, I am still here.' });
      expect(sent).toMatchObject({ status: 200, body: { sent: true } });
      await waitForBot(family, /Yes, I am still here\./);
    } finally {
      await (second ?? first).stop();
    }
  });
});

describe('a live webchat whose conversation is gone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, now);
    await addAdviser(server, 'kim');
  });
  afterAll(() => server.stop());

  it('is ended, shown as ended, and the adviser\'s send answers 409 saying so', async () => {
    const adviser = await signIn(server, 'kim');
    const { family, handoffId } = await liveChat(server, adviser);
    // What a long-idle sweep or a lost store leaves: the channel no longer knows the conversation.
    await server.sql.run('DELETE FROM directline_conversations WHERE id = ?', [family.conversationId]);

    const sent = await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/messages`, { text: 'Hello?' });
    expect(sent.status).toBe(409);
    expect(sent.body.error).toMatch(/chat has ended/i);
    expect((await adviser.call('GET', `/advisers/api/handoffs/${handoffId}`)).body.handoff.status).toBe('ended');
    expect((await adviser.call('GET', '/advisers/api/queue')).body.live).toEqual([]);
  });
});
