/**
 * The adviser console under hostile or unlucky use: cookies it cannot read, sign-in guesses
 * from many places at once, streams that outlive their session, and a long queue.
 */
import { addAdviser, callConsole, signIn } from './helpers/adviserClient';
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
