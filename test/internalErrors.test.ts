/** A bug in a web route answers a kind 500 and keeps the error's own text out of the answer. */
import restify, { Server } from 'restify';
import { AddressInfo } from 'node:net';
import { createLogger } from '../src/logging/logger';
import { consoleSorry, directLineSorry, guardedRoutes } from '../src/web/internalErrors';

describe('an unplanned error in a web route', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = restify.createServer({ handleUncaughtExceptions: false });
    const fail = async () => {
      throw new RangeError('Maximum call stack size exceeded at /srv/app/secret.js');
    };
    guardedRoutes(server, createLogger('silent'), directLineSorry).get('/v3/directline/boom', fail);
    guardedRoutes(server, createLogger('silent'), consoleSorry).get('/advisers/api/boom', fail);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives Direct Line callers a 500 in Direct Line\'s shape, without the error text', async () => {
    const response = await fetch(`${url}/v3/directline/boom`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'ServiceError', message: expect.stringMatching(/try again/) } });
    expect(text).not.toMatch(/stack|secret|RangeError/);
  });

  it('gives the console a 500 in its shape, without the error text', async () => {
    const response = await fetch(`${url}/advisers/api/boom`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/try again/) });
    expect(text).not.toMatch(/stack|secret|RangeError/);
  });

  it('still refuses unknown routes with 404 as before', async () => {
    expect((await fetch(`${url}/advisers/api/none`)).status).toBe(404);
  });
});
