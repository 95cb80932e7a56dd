/**
 * The embedded database (SQLite through better-sqlite3) in DATA_DIR: bot state, the handoff
 * queue, transcripts, messages for advisers and adviser accounts. Schema changes are numbered
 * migrations, applied once, in order.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** Opens (creating if needed) the database in a folder; ':memory:' gives a private in-memory one for unit tests. */
export function openDatabase(dataDir: string): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'advice.sqlite');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
