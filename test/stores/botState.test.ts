/**
 * Bot state (botbuilder's Storage) on each database: it survives reopening, honours eTags, and of
 * two turns that change one conversation at once (on one instance or two) exactly one wins: the
 * other gets an eTag conflict, never a silent overwrite.
 */
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { OptimisticConversationState } from '../../src/storage/optimisticState';
import { ETagConflictError, NEW_ITEM, SqlStorage } from '../../src/storage/sqlStorage';
import { storeBackends } from './backends';

describe.each(storeBackends())('bot state on $name', ({ create }) => {
  it('keeps what was written after the database is closed and opened again', async () => {
    const database = await create();
    const first = await database.open();
    await new SqlStorage(first).write({ 'webchat/conversations/a': { step: 2, facts: { ages: [4] } } });
    await first.close();
    const items = await new SqlStorage(await database.open()).read(['webchat/conversations/a', 'missing']);
    expect(items['webchat/conversations/a']).toEqual({ step: 2, facts: { ages: [4] }, eTag: '1' });
    expect(items.missing).toBeUndefined();
  });

  it('refuses a write made with an out-of-date eTag, and accepts "*"', async () => {
    const storage = new SqlStorage(await (await create()).open());
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, n: 2 } });
    await expect(storage.write({ k: { ...first, n: 3 } })).rejects.toThrow(ETagConflictError);
    expect((await storage.read(['k'])).k.n).toBe(2);
    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k.n).toBe(4);
  });

  it('deletes items, and an eTag read before the delete cannot bring one back', async () => {
    const sql = await (await create()).open();
    const storage = new SqlStorage(sql);
    await storage.write({ 'sms/users/+44 7700_1': { a: 1 }, 'sms/users/+44 7700_2': { a: 2 }, 'sms/conversations/x': { b: 1 } });
    const keys = async () => (await sql.all<{ key: string }>('SELECT key FROM bot_state ORDER BY key')).map((r) => r.key);
    expect(await keys()).toEqual(['sms/conversations/x', 'sms/users/+44 7700_1', 'sms/users/+44 7700_2']);
    const before = await storage.readJson('sms/users/+44 7700_1');
    await storage.delete(['sms/users/+44 7700_1']);
    await expect(storage.writeJson('sms/users/+44 7700_1', '{"a":9}', before!.eTag)).rejects.toThrow(ETagConflictError);
    expect(await keys()).toEqual(['sms/conversations/x', 'sms/users/+44 7700_2']);
  });

  it('lets only the first of two turns create a conversation that did not exist', async () => {
    const database = await create();
    const [one, two] = [new SqlStorage(await database.open()), new SqlStorage(await database.open())];
    const results = await Promise.allSettled([one.writeJson('c', '{"by":"one"}', NEW_ITEM), two.writeJson('c', '{"by":"two"}', NEW_ITEM)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(ETagConflictError)]);
  });

  it('of many writers with the same eTag on two instances, lets exactly one win and keeps its words', async () => {
    const database = await create();
    const instances = [new SqlStorage(await database.open()), new SqlStorage(await database.open())];
    const eTag = await instances[0].writeJson('busy', '{"n":0}', NEW_ITEM);
    const writes = Array.from({ length: 10 }, (_, n) => instances[n % 2].writeJson('busy', JSON.stringify({ n: n + 1 }), eTag));
    const results = await Promise.allSettled(writes);
    const won = results.flatMap((r, n) => (r.status === 'fulfilled' ? [n + 1] : []));
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ETagConflictError)).toBe(true);
    expect(JSON.parse((await instances[1].readJson('busy'))!.json)).toEqual({ n: won[0] });
  });
});

describe.each(storeBackends())('conversation state on $name', ({ create }) => {
  const activity = { type: 'message', channelId: 'webchat', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as Activity;
  const turn = () => new TurnContext(new TestAdapter(), activity);

  it('saves what a turn changed, even when the state was read again later in the turn', async () => {
    const state = new OptimisticConversationState(new SqlStorage(await (await create()).open()));
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

  it('refuses the slower of two turns that changed the same conversation at once, on two instances', async () => {
    const database = await create();
    const [stateA, stateB] = [new OptimisticConversationState(new SqlStorage(await database.open())), new OptimisticConversationState(new SqlStorage(await database.open()))];
    const [stepA, stepB] = [stateA.createProperty<{ n: number }>('step'), stateB.createProperty<{ n: number }>('step')];
    const setup = turn();
    await stepA.get(setup, { n: 0 });
    await stateA.saveChanges(setup, true);
    const [a, b] = [turn(), turn()];
    (await stepA.get(a, { n: 0 })).n = 10;
    (await stepB.get(b, { n: 0 })).n = 20;
    await stateA.saveChanges(a);
    await expect(stateB.saveChanges(b)).rejects.toThrow(ETagConflictError);
    expect((await stepB.get(turn(), { n: 0 })).n).toBe(10);
  });

  it('saves nothing more once the state was deleted in the turn', async () => {
    const sql = await (await create()).open();
    const state = new OptimisticConversationState(new SqlStorage(sql));
    const step = state.createProperty<{ n: number }>('step');
    const first = turn();
    await step.get(first, { n: 1 });
    await state.saveChanges(first, true);
    const second = turn();
    await state.delete(second);
    await step.get(second, { n: 5 });
    await state.saveChanges(second);
    expect(await sql.all("SELECT key FROM bot_state WHERE key LIKE 'webchat/conversations/c1%'")).toEqual([]);
  });
});
