/**
 * The adviser console under hostile or unlucky use: cookies it cannot read, sign-in guesses
 * from many places at once, streams that outlive their session, and a long queue.
 */
import { ADVISER_PASSWORD, addAdviser, callConsole, signIn } from './helpers/adviserClient';
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
