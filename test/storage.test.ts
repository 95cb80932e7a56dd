/** The embedded database behind botbuilder's Storage: survives reopening, honours eTags, deletes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { Db, openDatabase } from '../src/storage/database';
import { OptimisticConversationState } from '../src/storage/optimisticState';
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

  it('deletes items', async () => {
    const db = openDatabase(dir);
    const storage = new SqliteStorage(db);
    await storage.write({ 'sms/users/+44 7700_1': { a: 1 }, 'sms/users/+44 7700_2': { a: 2 }, 'sms/conversations/x': { b: 1 } });
    const keys = () => (db.prepare("SELECT key FROM bot_state ORDER BY key").all() as { key: string }[]).map((r) => r.key);
    expect(keys()).toEqual(['sms/conversations/x', 'sms/users/+44 7700_1', 'sms/users/+44 7700_2']);
    await storage.delete(['sms/users/+44 7700_1']);
    expect(Object.keys(await storage.read(['sms/users/+44 7700_1', 'sms/users/+44 7700_2']))).toEqual(['sms/users/+44 7700_2']);
    db.close();
  });
});

describe('conversation state on SQLite', () => {
  const activity = { type: 'message', channelId: 'webchat', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as Activity;
  const turn = () => new TurnContext(new TestAdapter(), activity);
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('saves what a turn changed, even when the state was read again later in the turn', async () => {
    const state = new OptimisticConversationState(new SqliteStorage(db));
    const step = state.createProperty<{ n: number }>('step');
    const first = turn();
    (await step.get(first, { n: 0 })).n = 1;
    await state.saveChanges(first);
    const second = turn();
    (await step.get(second, { n: 0 })).n = 2;
    await step.get(second, { n: 0 });
    await state.saveChanges(second);
    expect((await step.get(turn(), { n: 0 })).n).toBe(2);
  });

  it('refuses the slower of two turns that changed the same conversation at once', async () => {
    const state = new OptimisticConversationState(new SqliteStorage(db));
    const step = state.createProperty<{ n: number }>('step');
    const setup = turn();
    await step.get(setup, { n: 0 });
    await state.saveChanges(setup, true);
    const [a, b] = [turn(), turn()];
    (await step.get(a, { n: 0 })).n = 10;
    (await step.get(b, { n: 0 })).n = 20;
    await state.saveChanges(a);
    await expect(state.saveChanges(b)).rejects.toThrow(ETagConflictError);
    expect((await step.get(turn(), { n: 0 })).n).toBe(10);
  });

  it('saves nothing more once the state was deleted in the turn', async () => {
    const storage = new SqliteStorage(db);
    const state = new OptimisticConversationState(storage);
    const step = state.createProperty<{ n: number }>('step');
    const first = turn();
    await step.get(first, { n: 1 });
    await state.saveChanges(first, true);
    const second = turn();
    await state.delete(second);
    await step.get(second, { n: 5 });
    await state.saveChanges(second);
    expect(db.prepare("SELECT key FROM bot_state WHERE key LIKE 'webchat/conversations/c1%'").all()).toEqual([]);
  });
});
