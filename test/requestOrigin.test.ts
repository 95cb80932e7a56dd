/** The page's URLs follow the Host a visitor used, but only a real host[:port]: anything else falls back. */
import { Request } from 'restify';
import { requestOrigin } from '../src/web/requestOrigin';

const origin = (host: string | undefined) => requestOrigin({ headers: host === undefined ? {} : { host } } as unknown as Request, { TRUST_PROXY: 0 }, 'http://127.0.0.1:3978');

describe('the origin a visitor reached the server at', () => {
  it.each(['127.0.0.1:3978', 'localhost:3978', 'advice.example.org', '[::1]:3978'])('follows the Host %s', (host) => {
    expect(origin(host)).toBe(`http://${host}`);
  });

  it.each(['localhost:99999', '[::1', '', '..', 'evil.example/x', 'a b', 'h'.repeat(1000)])('falls back for the Host %p', (host) => {
    expect(origin(host)).toBe('http://127.0.0.1:3978');
  });
});
