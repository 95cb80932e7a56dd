/**
 * Secrets this installation keeps across restarts, in the settings table: the one in the
 * serviceUrl the local Direct Line gives the bot (handoff references stored in SQLite hold that
 * serviceUrl, so it must outlive the process), and the key that turns client addresses into
 * hashes for the per-address caps (so no address is stored as it is).
 */
import { createHmac } from 'node:crypto';
import { Db } from '../../storage/database';
import { randomId } from './randomIds';

/** The value of a named secret, made (random, 256 bits) the first time it is asked for. */
export function installationSecret(db: Db, name: string): string {
  db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, randomId(32));
  return (db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as { value: string }).value;
}

/** A keyed hash of a client address: equal for equal addresses, meaningless without the key. */
export function clientKeyer(key: string): (address: string) => string {
  return (address) => createHmac('sha256', key).update(address).digest('base64url').slice(0, 22);
}
