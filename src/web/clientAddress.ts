/**
 * The address a request came from, for rate limits. X-Forwarded-For is believed only when
 * TRUST_PROXY says how many proxies of our own stand in front: anyone can send that header, so
 * without them it would let a caller pick their own address. With N proxies, the address is the
 * Nth entry from the right (each proxy appends the address it saw). IPv6 addresses count by their
 * /64 network, which one household or phone is usually given whole.
 */
import { isIPv6 } from 'node:net';
import { Request } from 'restify';

export function clientAddress(req: Request, trustedProxies: number): string {
  const socketAddress = req.socket?.remoteAddress ?? '';
  let address = socketAddress;
  if (trustedProxies > 0) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    address = forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? socketAddress;
  }
  return networkOf(address);
}

/** IPv4 (also written as ::ffff:a.b.c.d) as it is; IPv6 as its first four groups. */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
