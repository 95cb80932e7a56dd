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
  // Deleted rows are overwritten with zeros, so "delete my data" and the retention purge leave no copy in free pages.
  db.pragma('secure_delete = ON');
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

/**
 * Copies the write-ahead log into the main file and empties it. After a deletion the log still
 * holds the old pages (personal data included) until it is checkpointed; with secure_delete the
 * main file's copies are already zeroed.
 */
export function wipeDeletedPages(db: Db): void {
  if (db.memory) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
}
