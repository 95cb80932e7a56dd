/**
 * A file's name with a hash of its content in it ("chat.3f2a9c1b7d04.js"), so a browser may keep
 * the file for a year: a changed file gets a new name. Shared by the page's assets and the
 * easy-read pictures, whose addresses the bot puts in its messages.
 */
import { createHash } from 'node:crypto';
import { extname, basename } from 'node:path';

export function hashedName(name: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const ext = extname(name);
  return `${basename(name, ext)}.${hash}${ext}`;
}
