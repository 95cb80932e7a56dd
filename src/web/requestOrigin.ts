/**
 * The base URL a visitor reached this server at, for the URLs handed to the page (the Direct Line
 * domain and streamUrl, and the page's connect-src). PUBLIC_BASE_URL wins when set. Otherwise it is
 * the request's own Host, so the page works at http://127.0.0.1:3978 as well as at localhost; the
 * Host is used only when it is a plain host name or address with an optional port, so nothing else
 * can be slipped into a URL or a header. Behind trusted proxies (TRUST_PROXY), their
 * X-Forwarded-Proto says whether the visitor used https.
 */
import { Request } from 'restify';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

export interface OriginSettings {
  PUBLIC_BASE_URL?: string;
  TRUST_PROXY: number;
}

export function requestOrigin(req: Request, settings: OriginSettings, fallback: string): string {
  if (settings.PUBLIC_BASE_URL) return settings.PUBLIC_BASE_URL.replace(/\/$/, '');
  const host = String(req.headers.host ?? '');
  if (!HOST.test(host) || !parsesAsHost(host)) return fallback;
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const scheme = settings.TRUST_PROXY > 0 && forwardedProto === 'https' ? 'https' : 'http';
  return `${scheme}://${host.toLowerCase()}`;
}

/** The pattern allows ports up to 99999; only what a URL really takes (port 65535 at most) is used. */
function parsesAsHost(host: string): boolean {
  try {
    return new URL(`http://${host}`).host === host.toLowerCase().replace(/:80$/, '');
  } catch {
    return false;
  }
}
