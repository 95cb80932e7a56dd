/**
 * botbuilder's Storage interface over SQLite. It honours eTags the way MemoryStorage does:
 * an item written with an old eTag is refused, "*" or no eTag overwrites.
 */
import { Storage, StoreItems } from 'botbuilder';
import { Db } from './database';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

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

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare<[string], Row>('SELECT key, etag, data FROM bot_state WHERE key = ?');
    this.insert = db.prepare('INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = etag + 1, data = excluded.data, updated_at = excluded.updated_at');
    this.update = db.prepare('UPDATE bot_state SET etag = etag + 1, data = ?, updated_at = ? WHERE key = ? AND etag = ?');
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.data), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        this.writeJson(key, JSON.stringify(data), eTag);
      }
    })();
  }

  /** Writes one item already turned into JSON, honouring its eTag; returns the item's new eTag. */
  writeJson(key: string, json: string, eTag?: string): string {
    const now = Date.now();
    if (eTag && eTag !== '*' && this.update.run(json, now, key, Number(eTag)).changes === 1) return String(Number(eTag) + 1);
    if (eTag && eTag !== '*' && this.selectOne.get(key)) throw new ETagConflictError(key);
    this.insert.run(key, json, now);
    return String(this.selectOne.get(key)?.etag ?? 1);
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
  }
}
