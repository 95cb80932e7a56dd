/**
 * The webchat page's security headers: a Content Security Policy that allows only what the page
 * needs, no caching of the HTML, no referrer, no MIME sniffing, no framing; the microphone only
 * for this page itself (for "Speak instead of typing", which asks first).
 *
 * What the page needs, found by running it in Chromium under this policy and watching for
 * violations (test/webchat.browser.test.ts fails on any):
 * - script-src 'self': our own script and Web Chat's bundle, both files from /assets/. No inline
 *   script, no 'unsafe-eval' (Web Chat's minimal bundle never evaluates strings), no blob:.
 * - style-src 'self' 'nonce-…' 'sha256-47DEQ…': our stylesheet; the <style> elements Web Chat's emotion
 *   styles create, which carry the per-response nonce we hand Web Chat (its `nonce` prop); and the one
 *   <style> element react-scroll-to-bottom (inside Web Chat) creates without the nonce. That one is
 *   empty when added (its rules go in through the CSSOM, which CSP does not govern), so the hash of
 *   the empty string lets it through and nothing else. No 'unsafe-inline'.
 * - img-src 'self' data: blob: (Web Chat draws some icons as data: URLs).
 * - connect-src 'self' plus the WebSocket origin of this server (older Safari does not count ws: as
 *   'self') and, when Azure's Direct Line is configured, its https: and wss: origins.
 */
import { randomBytes } from 'node:crypto';
import { Response } from 'restify';

export interface PolicyInputs {
  /** Where this server is reached, e.g. http://localhost:3978. */
  baseUrl: string;
  /** Azure's Direct Line base URL, when the page talks to Azure. */
  azureEndpoint?: string;
  /** A fresh random value for this response, for Web Chat's <style> elements. */
  styleNonce: string;
}

/** The hash of an empty <style> element (react-scroll-to-bottom's, filled through insertRule). */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy({ baseUrl, azureEndpoint, styleNonce }: PolicyInputs): string {
  const connect = ["'self'", ...webSocketOrigin(baseUrl)];
  if (azureEndpoint) {
    const { origin } = new URL(azureEndpoint);
    connect.push(origin, origin.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function webSocketOrigin(baseUrl: string): string[] {
  if (!baseUrl) return [];
  const { origin } = new URL(baseUrl);
  return [origin.replace(/^http/, 'ws')];
}

/** Headers for the HTML page: the policy, and no caching (it names this response's nonce). */
export function pageHeaders(policy: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': policy,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(self), geolocation=(), payment=()',
  };
}

export function sendPage(res: Response, html: string, policy: string): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(200, { ...pageHeaders(policy), 'content-length': String(body.length) });
  res.end(body);
}
