/** The embedded database behind botbuilder's Storage: survives reopening, honours eTags, deletes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/storage/database';
import { ETagConflictError, SqliteStorage } from '../src/storage/sqliteStorage';

describe('SqliteStorage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was written after the database is closed and opened again', async () => {
    const db = openDatabase(dir);
    await new SqliteStorage(db).write({ 'webchat/conversations/a': { step: 2, facts: { ages: [4] } } });
    db.close();
    const reopened = openDatabase(dir);
    const items = await new SqliteStorage(reopened).read(['webchat/conversations/a', 'missing']);
    expect(items['webchat/conversations/a']).toEqual({ step: 2, facts: { ages: [4] }, eTag: '1' });
    expect(items.missing).toBeUndefined();
    reopened.close();
  });

  it('refuses a write made with an out-of-date eTag, and accepts "*"', async () => {
    const db = openDatabase(dir);
    const storage = new SqliteStorage(db);
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, n: 2 } });
    await expect(storage.write({ k: { ...first, n: 3 } })).rejects.toThrow(ETagConflictError);
    expect((await storage.read(['k'])).k.n).toBe(2);
    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k.n).toBe(4);
    db.close();
  });

  it('deletes items and finds keys by prefix', async () => {
    const db = openDatabase(dir);
    const storage = new SqliteStorage(db);
    await storage.write({ 'sms/users/+44 7700_1': { a: 1 }, 'sms/users/+44 7700_2': { a: 2 }, 'sms/conversations/x': { b: 1 } });
    expect(storage.keysStartingWith('sms/users/+44 7700_').sort()).toEqual(['sms/users/+44 7700_1', 'sms/users/+44 7700_2']);
    await storage.delete(['sms/users/+44 7700_1']);
    expect(Object.keys(await storage.read(['sms/users/+44 7700_1', 'sms/users/+44 7700_2']))).toEqual(['sms/users/+44 7700_2']);
    db.close();
  });
});
