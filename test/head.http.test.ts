/** HEAD works wherever GET does (uptime checks and link checkers use it), with no body. */
import { startTestServer, TestServer } from './helpers/testServer';

describe('HEAD requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it.each(['/', '/healthz', '/advisers'])('HEAD %s answers 200 with the GET headers and no body', async (path) => {
    const get = await fetch(`${server.url}${path}`);
    const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });

  it('still refuses a method nobody handles', async () => {
    expect((await fetch(`${server.url}/healthz`, { method: 'DELETE' })).status).toBe(405);
  });
});
