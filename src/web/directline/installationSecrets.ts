/**
 * Secrets this installation keeps across restarts, in the settings table: the one in the
 * serviceUrl the local Direct Line gives the bot (handoff references in the database hold that
 * serviceUrl, so it must outlive the process), and the key that turns client addresses into
 * hashes for the per-address caps (so no address is stored as it is).
 */
import { createHmac } from 'node:crypto';
import { SqlClient } from '../../storage/sql/sqlClient';
import { randomId } from './randomIds';

/** The value of a named secret, made (random, 256 bits) the first time it is asked for; every instance sharing the database gets the same. */
export async function installationSecret(sql: SqlClient, name: string): Promise<string> {
  await sql.run('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, randomId(32)]);
  return (await sql.get<{ value: string }>('SELECT value FROM settings WHERE name = ?', [name]))!.value;
}

/** A keyed hash of a client address: equal for equal addresses, meaningless without the key. */
export function clientKeyer(key: string): (address: string) => string {
  return (address) => createHmac('sha256', key).update(address).digest('base64url').slice(0, 22);
}
