/** Where the server listens: only this machine unless HOST says otherwise. */
import { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startTestServer } from './helpers/testServer';

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
const onLan = lanAddress ? it : it.skip;

describe('the listening address', () => {
  it('is 127.0.0.1 by default, and the server says localhost', async () => {
    const server = await startTestServer();
    try {
      expect((server.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    } finally {
      await server.stop();
    }
  });

  onLan('is not reachable from the local network by default, and is with HOST=0.0.0.0', async () => {
    const closed = await startTestServer();
    const open = await startTestServer({ HOST: '0.0.0.0' });
    try {
      const port = (s: typeof closed) => (s.server.address() as AddressInfo).port;
      await expect(fetch(`http://${lanAddress}:${port(closed)}/healthz`)).rejects.toThrow();
      expect((await fetch(`http://${lanAddress}:${port(open)}/healthz`)).status).toBe(200);
    } finally {
      await closed.stop();
      await open.stop();
    }
  });
});
