/**
 * The adviser console under hostile or unlucky use: cookies it cannot read, sign-in guesses
 * from many places at once, streams that outlive their session, and a long queue.
 */
import { ADVISER_PASSWORD, addAdviser, callConsole, signIn } from './helpers/adviserClient';
import { HandoffStore } from '../src/handoff/handoffStore';
import { AdviserAccounts } from '../src/web/advisers/adviserAccounts';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(30_000);

describe('a cookie the console cannot decode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await addAdviser(server, 'jo');
  });
  afterAll(() => server.stop());

  it('is ignored: no session gives 401, not 500', async () => {
    for (const path of ['/advisers/api/session', '/advisers/api/queue', '/advisers/api/messages', '/advisers/api/events']) {
      const response = await callConsole(server, 'GET', path, undefined, { cookie: 'x=%zz' });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it('does not hide the session cookie next to it', async () => {
    const adviser = await signIn(server, 'jo');
    const response = await adviser.call('GET', '/advisers/api/queue', undefined, { cookie: `other=%E0%A4%A; ${await sessionCookie(server)}` });
    expect(response.status).toBe(200);
  });
});

async function sessionCookie(server: TestServer): Promise<string> {
  const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'jo', password: 'correct horse battery staple' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('sign-in guesses', () => {
  const signInFrom = (server: TestServer, username: string, password: string, address: string) =>
    callConsole(server, 'POST', '/advisers/api/session', { username, password }, { 'x-forwarded-for': address });

  it('sent a hundred at once are checked no more than ten at a time', async () => {
    const server = await startTestServer({ TRUST_PROXY: '1' });
    try {
      await addAdviser(server, 'sam');
      const answers = await Promise.all(Array.from({ length: 100 }, () => signInFrom(server, 'sam', 'not the password', '198.51.100.20')));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(90);
      expect(Number(answers.find((a) => a.status === 429)?.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('from one address do not lock the adviser out at another address', async () => {
    const server = await startTestServer({ TRUST_PROXY: '1' });
    try {
      await addAdviser(server, 'sam');
      for (let i = 0; i < 12; i++) await signInFrom(server, 'sam', 'not the password', '203.0.113.66');
      expect((await signInFrom(server, 'sam', 'not the password', '203.0.113.66')).status).toBe(429);
      expect((await signInFrom(server, 'sam', ADVISER_PASSWORD, '198.51.100.5')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('at many usernames from one address meet a looser limit for that address', async () => {
    const server = await startTestServer({ TRUST_PROXY: '1' });
    try {
      await addAdviser(server, 'sam');
      const statuses = [];
      for (let i = 0; i < 31; i++) statuses.push((await signInFrom(server, `guess${i}`, 'not the password', '203.0.113.66')).status);
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
      expect(statuses[30]).toBe(429);
      expect((await signInFrom(server, 'sam', ADVISER_PASSWORD, '198.51.100.5')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

/** Reads a console event stream as text, as the page's EventSource would. */
async function openEvents(server: TestServer, cookie: string) {
  const response = await fetch(`${server.url}/advisers/api/events`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = '';
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    ended = true;
  })().catch(() => (ended = true));
  return {
    text: () => text,
    /** Resolves true when the server ends the stream within the time. */
    endsWithin: async (ms: number) => {
      await Promise.race([pump, new Promise((resolve) => setTimeout(resolve, ms))]);
      return ended;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

describe('a console event stream', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('ends at once when its session signs out, saying so first', async () => {
    await addAdviser(server, 'amy');
    const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'amy', password: ADVISER_PASSWORD });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const events = await openEvents(server, cookie);
    const signedOut = await callConsole(server, 'DELETE', '/advisers/api/session', undefined, { cookie, 'x-csrf-token': response.body.csrfToken });
    expect(signedOut.status).toBe(200);
    const ended = await events.endsWithin(2000);
    await events.cancel();
    expect(ended).toBe(true);
    expect(events.text()).toMatch(/event: signed_out/);
  });

  it('ends at its next event once the account is removed, without passing the event on', async () => {
    await addAdviser(server, 'ben');
    const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'ben', password: ADVISER_PASSWORD });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const events = await openEvents(server, cookie);
    await new AdviserAccounts(server.sql, () => new Date()).remove('ben');
    server.handoffs.emit('line', { handoffId: 1, conversationId: 'c', line: { id: 1, sender: 'user', text: 'a family message', at: Date.now() } as never });
    const ended = await events.endsWithin(2000);
    await events.cancel();
    expect(ended).toBe(true);
    expect(events.text()).not.toMatch(/a family message/);
  });

  it('sends one queue refresh for a burst of changes, then at most one per half second', async () => {
    await addAdviser(server, 'cal');
    const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'cal', password: ADVISER_PASSWORD });
    const events = await openEvents(server, (response.headers.get('set-cookie') ?? '').split(';')[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 200; i++) server.handoffs.emit('changed');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await events.cancel();
    const refreshes = events.text().match(/event: queue/g) ?? [];
    // One at once, one trailing refresh for the rest of the burst.
    expect(refreshes).toHaveLength(2);
  });
});

describe('the queue view with 1,000 families waiting', () => {
  it('reads the queue once per request, not once per family', async () => {
    const server = await startTestServer();
    try {
      await addAdviser(server, 'dee');
      const store = new HandoffStore(server.sql);
      const summary = { reason: 'asked' as const, topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'webchat', articlesSeen: [] };
      for (let i = 0; i < 1000; i++) await store.add({ reference: { conversation: { id: `wait-${i}` } as never, user: { id: `u-${i}` } as never, channelId: 'webchat' }, summary, at: new Date(Date.now() - i) });
      const adviser = await signIn(server, 'dee');
      const waitingReads = jest.spyOn(HandoffStore.prototype, 'waiting');
      const started = process.hrtime.bigint();
      const queue = await adviser.call('GET', '/advisers/api/queue');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(queue.body.waiting).toHaveLength(1000);
      expect(queue.body.waiting.map((w: { position: number }) => w.position)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(waitingReads).toHaveBeenCalledTimes(1);
      waitingReads.mockRestore();
      // A figure for the record, not a test: this machine is shared.
      process.stdout.write(`queue view, 1,000 waiting: ${ms.toFixed(0)} ms\n`);
    } finally {
      await server.stop();
    }
  });
});
