/**
 * botbuilder's Storage interface over the SQL client (SQLite or PostgreSQL). It honours eTags the
 * way MemoryStorage does: an item written with an old eTag is refused, "*" or no eTag overwrites.
 * Each check and write is one statement, so it holds when several instances write at once. An
 * eTag is never taken as leave to create: a turn that read an item before it was deleted
 * ("delete my data") cannot write it back, because its eTag matches no row.
 */
import { Storage, StoreItems } from 'botbuilder';
import { SqlClient, SqlRunner } from './sql/sqlClient';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** The eTag of an item read as absent: write it only if nobody has written it since. */
export const NEW_ITEM = 'new';

interface Row {
  etag: number;
  data: string;
}

const SELECT = 'SELECT etag, data FROM bot_state WHERE key = ?';
const CREATE = 'INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING etag';
const OVERWRITE = `INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, 1, ?, ?)
  ON CONFLICT (key) DO UPDATE SET etag = bot_state.etag + 1, data = excluded.data, updated_at = excluded.updated_at RETURNING etag`;
const UPDATE = 'UPDATE bot_state SET etag = etag + 1, data = ?, updated_at = ? WHERE key = ? AND etag = ? RETURNING etag';

export class SqlStorage implements Storage {
  constructor(private readonly sql: SqlClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = await this.sql.get<Row>(SELECT, [key]);
      if (row) items[key] = { ...JSON.parse(row.data), eTag: String(row.etag) };
    }
    return items;
  }

  /** One item as stored: its JSON (without the eTag) and its eTag, or undefined when there is none. */
  async readJson(key: string): Promise<{ json: string; eTag: string } | undefined> {
    const row = await this.sql.get<Row>(SELECT, [key]);
    return row && { json: row.data, eTag: String(row.etag) };
  }

  async write(changes: StoreItems): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        await writeItem(tx, key, JSON.stringify(data), eTag);
      }
    });
  }

  /**
   * Writes one item already turned into JSON, honouring its eTag; returns the item's new eTag.
   * NEW_ITEM writes only when the key has never been written: someone else's first write wins.
   */
  writeJson(key: string, json: string, eTag?: string): Promise<string> {
    return writeItem(this.sql, key, json, eTag);
  }

  async delete(keys: string[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const key of keys) await tx.run('DELETE FROM bot_state WHERE key = ?', [key]);
    });
  }

  /** Forgets state untouched since the cut-off: a conversation that old starts afresh anyway. */
  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM bot_state WHERE updated_at < ?', [cutoff.getTime()]);
  }
}

async function writeItem(sql: SqlRunner, key: string, json: string, eTag?: string): Promise<string> {
  const now = Date.now();
  let row: { etag: number } | undefined;
  if (eTag === NEW_ITEM) row = await sql.get(CREATE, [key, json, now]);
  else if (eTag && eTag !== '*') row = await sql.get(UPDATE, [json, now, key, Number(eTag)]);
  else row = await sql.get(OVERWRITE, [key, json, now]);
  if (!row) throw new ETagConflictError(key);
  return String(row.etag);
}
