/**
 * Where this process can reach itself (the local Direct Line forwards to /api/messages there) and
 * where to tell the person who started it to open the chat: localhost when listening on this
 * machine only or on every interface, the address itself otherwise.
 */
const LOCALHOST_FRIENDLY = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::']);

export function localAddress(host: string, port: number): string {
  if (LOCALHOST_FRIENDLY.has(host)) return `http://localhost:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
