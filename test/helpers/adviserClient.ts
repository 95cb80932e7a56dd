/** Drives the adviser console's own API the way its page does: a session cookie and the CSRF token. */
import { AdviserAccounts, Role } from '../../src/web/advisers/adviserAccounts';
import { TestServer } from './testServer';

export interface AdviserClient {
  username: string;
  /** The session cookie, for requests made by hand (an event stream). */
  cookie: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export const ADVISER_PASSWORD = 'correct horse battery staple';

export async function addAdviser(server: TestServer, username: string, role: Role = 'adviser'): Promise<void> {
  await new AdviserAccounts(server.sql, () => new Date()).add(username, ADVISER_PASSWORD, role);
}

export async function callConsole(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export async function signIn(server: TestServer, username: string, password = ADVISER_PASSWORD): Promise<AdviserClient> {
  const response = await callConsole(server, 'POST', '/advisers/api/session', { username, password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = response.body.csrfToken as string;
  return {
    username,
    cookie,
    call: (method, path, body, headers = {}) => callConsole(server, method, path, body, { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers }),
  };
}
