/**
 * A clean shutdown: requests under way get their answers, connections that never end on their own
 * (an adviser's event stream) are cut after a short grace period, and the database is closed.
 */
import { request } from 'node:http';
import { addAdviser, ADVISER_PASSWORD } from './helpers/adviserClient';
import { startTestServer } from './helpers/testServer';

/** Opens a request and sends all but the end of its body; `finish` sends the rest. */
function halfSent(url: string, body: string) {
  const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { response, finish: () => req.end(body.slice(10)) };
}

describe('closing the server', () => {
  it('answers a turn already under way, then closes the database', async () => {
    const server = await startTestServer();
    const activity = { type: 'message', text: 'what is section 20', channelId: 'webchat', serviceUrl: 'http://localhost:1', from: { id: 'u' }, recipient: { id: 'bot' }, conversation: { id: 'c' }, deliveryMode: 'expectReplies' };
    const turn = halfSent(`${server.url}/api/messages`, JSON.stringify(activity));
    await new Promise((r) => setTimeout(r, 200));
    const stopped = server.stop();
    turn.finish();
    const { status, text } = await turn.response;
    await stopped;
    expect(status).toBe(200);
    expect(text).toMatch(/Section 20/);
    await expect(server.sql.all('SELECT 1')).rejects.toThrow();
  });

  it('does not wait for ever on an adviser console that is still listening', async () => {
    const server = await startTestServer();
    await addAdviser(server, 'sam');
    const signedIn = await fetch(`${server.url}/advisers/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: ADVISER_PASSWORD }) });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/advisers/api/events`, { headers: { cookie } }, (res) => {
        res.once('data', () => resolve());
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.end();
    });
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(6000);
    await expect(server.sql.all('SELECT 1')).rejects.toThrow();
  }, 15_000);
});
