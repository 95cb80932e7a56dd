/** The adviser console's locks: sessions, CSRF tokens, rate-limited sign-in, cookie flags. */
import { ADVISER_PASSWORD, addAdviser, callConsole, signIn } from './helpers/adviserClient';
import { startTestServer, TestServer } from './helpers/testServer';

const CONSOLE_APIS: [string, string][] = [
  ['GET', '/advisers/api/session'],
  ['DELETE', '/advisers/api/session'],
  ['GET', '/advisers/api/queue'],
  ['POST', '/advisers/api/availability'],
  ['GET', '/advisers/api/handoffs/1'],
  ['POST', '/advisers/api/handoffs/1/accept'],
  ['POST', '/advisers/api/handoffs/1/messages'],
  ['POST', '/advisers/api/handoffs/1/typing'],
  ['POST', '/advisers/api/handoffs/1/notes'],
  ['POST', '/advisers/api/handoffs/1/transfer'],
  ['POST', '/advisers/api/handoffs/1/outcome'],
  ['POST', '/advisers/api/handoffs/1/end'],
  ['GET', '/advisers/api/messages'],
  ['POST', '/advisers/api/messages/1/done'],
  ['POST', '/advisers/api/messages/1/reply'],
  ['GET', '/advisers/api/feedback'],
  ['GET', '/advisers/api/replies?q=court'],
  ['GET', '/advisers/api/events'],
  ['POST', '/advisers/api/session/password'],
  ['GET', '/advisers/api/accounts'],
  ['POST', '/advisers/api/accounts'],
  ['POST', '/advisers/api/accounts/jo/disabled'],
  ['POST', '/advisers/api/accounts/jo/password'],
  ['GET', '/advisers/api/audit'],
  ['GET', '/advisers/api/reports'],
  ['GET', '/advisers/api/reports/contacts.csv'],
];

describe('the adviser console', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await addAdviser(server, 'jo');
  });
  afterAll(() => server.stop());

  it.each(CONSOLE_APIS)('refuses %s %s without a session (401)', async (method, path) => {
    const response = await callConsole(server, method, path, method === 'GET' || method === 'DELETE' ? undefined : { text: 'hi' });
    expect(response.status).toBe(401);
  });

  it('refuses a forged session cookie (401)', async () => {
    expect((await callConsole(server, 'GET', '/advisers/api/queue', undefined, { cookie: 'adviser_session=not-a-real-session' })).status).toBe(401);
  });

  it('refuses a change with a wrong or missing CSRF token (403), and accepts the right one', async () => {
    const adviser = await signIn(server, 'jo');
    expect((await adviser.call('POST', '/advisers/api/messages/999/done', undefined, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await adviser.call('POST', '/advisers/api/handoffs/1/accept', undefined, { 'x-csrf-token': '' })).status).toBe(403);
    expect((await adviser.call('POST', '/advisers/api/availability', { status: 'busy' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await adviser.call('POST', '/advisers/api/messages/999/done')).status).toBe(409);
  });

  it('sets a session cookie that is HttpOnly and SameSite=Strict, scoped to the console', async () => {
    const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'jo', password: ADVISER_PASSWORD });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^adviser_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/advisers/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('rejects a wrong password kindly, and rate-limits after ten wrong tries', async () => {
    const wrong = () => callConsole(server, 'POST', '/advisers/api/session', { username: 'jo', password: 'not the password' }, { 'x-forwarded-for': 'ignored' });
    for (let i = 0; i < 10; i++) {
      const response = await wrong();
      expect(response.status).toBe(401);
      expect(response.body.error).toMatch(/username or password is not right/);
    }
    const limited = await wrong();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await callConsole(server, 'POST', '/advisers/api/session', { username: 'jo', password: ADVISER_PASSWORD })).status).toBe(429);
  });

  it('refuses a malformed sign-in with 400 naming what is missing', async () => {
    const response = await callConsole(server, 'POST', '/advisers/api/session', { user: 'jo' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/username|password/);
  });

  it('serves its page with a strict Content Security Policy', async () => {
    const response = await fetch(`${server.url}/advisers`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the adviser console served over TLS', () => {
  it('marks the session cookie Secure', async () => {
    const server = await startTestServer({ PUBLIC_BASE_URL: 'https://advice.example.org' });
    try {
      await addAdviser(server, 'lee');
      const response = await callConsole(server, 'POST', '/advisers/api/session', { username: 'lee', password: ADVISER_PASSWORD });
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await server.stop();
    }
  });
});
