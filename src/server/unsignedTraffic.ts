/**
 * With no MicrosoftAppId the bot takes activities nobody signed, as the Bot Framework Emulator
 * and the built-in Direct Line need. That must not make it an open relay: unsigned activities are
 * taken only from allowed addresses (loopback by default), and the bot only ever replies to an
 * allowed serviceUrl (loopback by default), so nobody can make it post to an address of their choice.
 * Settings: UNSIGNED_ALLOWED_ADDRESSES and UNSIGNED_ALLOWED_SERVICE_URLS.
 */
import { isIP } from 'node:net';

export const LOOPBACK = 'loopback';

function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

export class UnsignedTrafficPolicy {
  private readonly addresses: Set<string>;
  private readonly serviceUrls: string[];

  /** @param addresses "loopback" and exact IP addresses; @param serviceUrls "loopback" and URL prefixes. */
  constructor(addresses: readonly string[], serviceUrls: readonly string[]) {
    this.addresses = new Set(addresses.map((a) => a.replace(/^::ffff:/i, '')));
    this.serviceUrls = serviceUrls.map((u) => u.toLowerCase());
  }

  allowsSender(remoteAddress: string | undefined): boolean {
    const address = (remoteAddress ?? '').replace(/^::ffff:/i, '');
    return (this.addresses.has(LOOPBACK) && isLoopbackAddress(address)) || this.addresses.has(address);
  }

  allowsServiceUrl(serviceUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (this.serviceUrls.includes(LOOPBACK) && isLoopbackHost(url.hostname)) return true;
    const normalised = url.href.toLowerCase();
    return this.serviceUrls.some((prefix) => prefix !== LOOPBACK && normalised.startsWith(prefix));
  }
}
