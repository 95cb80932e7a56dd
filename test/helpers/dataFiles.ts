/**
 * Looking inside a server's data folder from outside: the database opened read-only (so the test
 * never changes what it checks), every cell as text, and the raw bytes of the files on disk.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'advice.sqlite';

export function withDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function rows<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  return withDatabase(dataDir, (db) => db.prepare(sql).all(...params) as T[]);
}

export interface Hit {
  where: string;
  needle: string;
  count: number;
}

/** Every occurrence of each needle in every column of every table, read as CAST(col AS TEXT). */
export function tableHits(dataDir: string, needles: readonly string[]): Hit[] {
  return withDatabase(dataDir, (db) => {
    const hits: Hit[] = [];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
      for (const column of columns) {
        const values = db.prepare(`SELECT CAST("${column.name}" AS TEXT) AS v FROM "${name}"`).all() as { v: string | null }[];
        for (const needle of needles) {
          const count = values.reduce((n, { v }) => n + occurrences(v ?? '', needle), 0);
          if (count) hits.push({ where: `${name}.${column.name}`, needle, count });
        }
      }
    }
    return hits;
  });
}

/** Every occurrence of each needle in the raw bytes of the database file and its WAL, when present. */
export function fileHits(dataDir: string, needles: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of [DB_FILE, `${DB_FILE}-wal`]) {
    const path = join(dataDir, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const needle of needles) {
      const count = byteOccurrences(bytes, Buffer.from(needle, 'utf8'));
      if (count) hits.push({ where: file, needle, count });
    }
  }
  return hits;
}

export function textHits(where: string, text: string, needles: readonly string[]): Hit[] {
  return needles.map((needle) => ({ where, needle, count: occurrences(text, needle) })).filter((h) => h.count > 0);
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

function byteOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
