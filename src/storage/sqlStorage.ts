/**
 * botbuilder's Storage interface over SQLite. It honours eTags the way MemoryStorage does:
 * an item written with an old eTag is refused, "*" or no eTag overwrites. An eTag is never taken
 * as leave to create: a turn that read an item before it was deleted ("delete my data") cannot
 * write it back, because its eTag matches no row.
 */
import { Storage, StoreItems } from 'botbuilder';
import { Db } from './database';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** The eTag of an item read as absent: write it only if nobody has written it since. */
export const NEW_ITEM = 'new';

interface Row {
  key: string;
  etag: number;
  data: string;
}

export class SqliteStorage implements Storage {
  private readonly selectOne;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly purge;

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare<[string], Row>('SELECT key, etag, data FROM bot_state WHERE key = ?');
    this.insert = db.prepare('INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = etag + 1, data = excluded.data, updated_at = excluded.updated_at');
    this.update = db.prepare('UPDATE bot_state SET etag = etag + 1, data = ?, updated_at = ? WHERE key = ? AND etag = ?');
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.purge = db.prepare('DELETE FROM bot_state WHERE updated_at < ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.data), eTag: String(row.etag) };
    }
    return items;
  }

  /** One item as stored: its JSON (without the eTag) and its eTag, or undefined when there is none. */
  readJson(key: string): { json: string; eTag: string } | undefined {
    const row = this.selectOne.get(key);
    return row && { json: row.data, eTag: String(row.etag) };
  }

  async write(changes: StoreItems): Promise<void> {
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        this.writeJson(key, JSON.stringify(data), eTag);
      }
    })();
  }

  /**
   * Writes one item already turned into JSON, honouring its eTag; returns the item's new eTag.
   * NEW_ITEM writes only when the key has never been written: someone else's first write wins.
   */
  writeJson(key: string, json: string, eTag?: string): string {
    const now = Date.now();
    if (eTag === NEW_ITEM) {
      if (this.selectOne.get(key)) throw new ETagConflictError(key);
    } else if (eTag && eTag !== '*') {
      if (this.update.run(json, now, key, Number(eTag)).changes === 1) return String(Number(eTag) + 1);
      throw new ETagConflictError(key);
    }
    this.insert.run(key, json, now);
    return String(this.selectOne.get(key)?.etag ?? 1);
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
  }

  /** Forgets state untouched since the cut-off: a conversation that old starts afresh anyway. */
  purgeBefore(cutoff: Date): number {
    return this.purge.run(cutoff.getTime()).changes;
  }
}
