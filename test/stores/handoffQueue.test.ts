/**
 * The handoff queue on each database, with two instances sharing it: of two advisers accepting the
 * same family at once exactly one gets them; the queue keeps its order; a message left for
 * advisers is marked done once; danger flags raised at once are all kept.
 */
import { ConversationReference } from 'botbuilder';
import { HandoffStore } from '../../src/handoff/handoffStore';
import { HandoffSummary } from '../../src/handoff/handoffSummary';
import { storeBackends, TestDatabase } from './backends';

const summary: HandoffSummary = { reason: 'asked', topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'webchat', articlesSeen: [] };
const reference = (id: string): Partial<ConversationReference> => ({ conversation: { id, isGroup: false, conversationType: '', name: '' }, user: { id: `u-${id}`, name: '' }, channelId: 'webchat' });
const minutes = (n: number) => new Date(Date.parse('2026-11-23T14:00:00Z') + n * 60_000);

describe.each(storeBackends())('the handoff queue on $name', ({ create }) => {
  let database: TestDatabase;
  let a: HandoffStore;
  let b: HandoffStore;
  beforeEach(async () => {
    database = await create();
    [a, b] = [new HandoffStore(await database.open()), new HandoffStore(await database.open())];
  });

  it('gives each family to exactly one of two advisers accepting at once on two instances', async () => {
    const families = await Promise.all(Array.from({ length: 20 }, (_, i) => a.add({ reference: reference(`family-${i}`), summary, at: minutes(i) })));
    const accepts = await Promise.all(
      families.flatMap((family) => [
        a.transition(family.id, 'waiting', 'with_adviser', { adviser: 'sam', at: minutes(30) }).then((won) => ({ family: family.id, adviser: 'sam', won })),
        b.transition(family.id, 'waiting', 'with_adviser', { adviser: 'ria', at: minutes(30) }).then((won) => ({ family: family.id, adviser: 'ria', won })),
      ]),
    );
    for (const family of families) {
      const winners = accepts.filter((x) => x.family === family.id && x.won);
      expect(winners).toHaveLength(1);
      expect(await b.get(family.id)).toMatchObject({ status: 'with_adviser', adviser: winners[0].adviser, acceptedAt: minutes(30).getTime() });
    }
    expect(await a.waiting()).toEqual([]);
    expect((await b.live()).map((h) => h.id).sort((x, y) => x - y)).toEqual(families.map((f) => f.id).sort((x, y) => x - y));
  });

  it('queues a family who asks twice at once, on two instances, only once', async () => {
    const asks = await Promise.all([a.openOrAdd({ reference: reference('twice'), summary, at: minutes(0) }), b.openOrAdd({ reference: reference('twice'), summary, at: minutes(0) })]);
    expect(asks[0].id).toBe(asks[1].id);
    expect((await a.waiting()).map((h) => h.conversationId)).toEqual(['twice']);
  });

  it('keeps the queue in the order families asked, and a chat passed back goes behind them', async () => {
    const first = await a.add({ reference: reference('first'), summary, at: minutes(0) });
    const second = await b.add({ reference: reference('second'), summary, at: minutes(1) });
    const third = await a.add({ reference: reference('third'), summary, at: minutes(2) });
    expect((await b.waiting()).map((h) => h.conversationId)).toEqual(['first', 'second', 'third']);
    expect(await b.transition(first.id, 'waiting', 'with_adviser', { adviser: 'sam', at: minutes(3) })).toBe(true);
    expect(await a.requeue(first.id, 'ria', minutes(4))).toBe(false);
    expect(await a.requeue(first.id, 'sam', minutes(4))).toBe(true);
    expect((await b.waiting()).map((h) => h.id)).toEqual([second.id, third.id, first.id]);
    expect(await a.openFor('first')).toMatchObject({ id: first.id, status: 'waiting', adviser: null, toldPosition: null });
  });

  it('moves a chat to one colleague only, and records its outcome once', async () => {
    const chat = await a.add({ reference: reference('passed'), summary, at: minutes(0) });
    await a.transition(chat.id, 'waiting', 'with_adviser', { adviser: 'sam', at: minutes(1) });
    const passes = await Promise.all([a.reassign(chat.id, 'sam', 'ria'), b.reassign(chat.id, 'sam', 'lee')]);
    expect(passes.filter(Boolean)).toHaveLength(1);
    const holder = (await a.get(chat.id))!.adviser!;
    expect(await b.transition(chat.id, 'with_adviser', 'ended', { at: minutes(20) })).toBe(true);
    expect(await a.setOutcome(chat.id, 'sam', 'advice_given')).toBe(false);
    const outcomes = await Promise.all([a.setOutcome(chat.id, holder, 'advice_given'), b.setOutcome(chat.id, holder, 'referred')]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(['advice_given', 'referred']).toContain(await b.outcomeOf(chat.id));
    expect(await a.recentHandleMinutes(5)).toEqual([19]);
  });

  it('keeps every danger flag raised at once on two instances', async () => {
    const chat = await a.add({ reference: reference('danger'), summary, at: minutes(0) });
    await Promise.all([a.addSafetyFlags(chat.id, ['self-harm']), b.addSafetyFlags(chat.id, ['violence']), a.addSafetyFlags(chat.id, ['missing child'])]);
    const flagged = (await b.get(chat.id))!.summary;
    expect(flagged.urgent).toBe(true);
    expect([...flagged.safetyFlags].sort()).toEqual(['missing child', 'self-harm', 'violence']);
  });

  it('marks a message left for advisers done once, newest open messages first', async () => {
    const older = await a.addLeftMessage({ reference: reference('left-1'), summary, text: 'Please call me', at: minutes(0) });
    const newer = await b.addLeftMessage({ reference: reference('left-2'), summary, text: 'Court is on Friday', at: minutes(5) });
    expect((await a.leftMessages()).map((m) => m.id)).toEqual([newer, older]);
    const done = await Promise.all([a.markDone(newer, 'sam', minutes(6)), b.markDone(newer, 'ria', minutes(6))]);
    expect(done.filter(Boolean)).toHaveLength(1);
    expect((await b.leftMessages()).map((m) => [m.text, m.doneAt !== null])).toEqual([
      ['Please call me', false],
      ['Court is on Friday', true],
    ]);
    expect(await a.leftMessage(older)).toMatchObject({ conversationId: 'left-1', channelId: 'webchat', summary, createdAt: minutes(0).getTime(), doneBy: null });
  });

  it('forgets the conversation and its user on "delete my data", and nobody else', async () => {
    await a.add({ reference: reference('gone'), summary, at: minutes(0) });
    await a.addLeftMessage({ reference: reference('gone'), summary, text: 'my number is 07700 900123', at: minutes(1) });
    const kept = await a.add({ reference: reference('kept'), summary, at: minutes(2) });
    await b.deleteConversation({ conversationId: 'gone', userId: 'u-gone' });
    expect((await a.waiting()).map((h) => h.id)).toEqual([kept.id]);
    expect(await a.leftMessages()).toEqual([]);
  });
});
