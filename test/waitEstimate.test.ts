/**
 * How honest the wait estimate is: several families queue while one adviser works through them,
 * chat after chat. Each family's estimate when queued is compared with how long they really waited.
 */
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { HandoffSummary } from '../src/handoff/handoffSummary';
import { testServices } from './helpers/testServices';

const summary: HandoffSummary = { reason: 'asked', topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'webchat', articlesSeen: [] };
const MINUTE = 60 * 1000;

function turnFor(conversationId: string): TurnContext {
  const activity = { type: 'message', channelId: 'webchat', conversation: { id: conversationId }, from: { id: `u-${conversationId}` }, recipient: { id: 'bot' }, serviceUrl: 'http://localhost' } as Activity;
  return new TurnContext(new TestAdapter(), activity);
}

describe('the wait estimate', () => {
  it('is within a few minutes of the real wait for each of five families, with one adviser', async () => {
    const start = new Date('2026-11-23T13:00:00Z');
    const test = testServices(start);
    const { handoffs } = test.services;
    const chatMinutes = test.services.config.HANDOFF_MINUTES_PER_CONVERSATION;
    handoffs.adviserSeen('sam');
    const queued: { id: number; estimate: number; at: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const { handoff, place } = await handoffs.enqueue(turnFor(`family-${i}`), summary);
      queued.push({ id: handoff.id, estimate: Number(place.waitMinutes), at: start.getTime() });
    }
    const rows: string[] = [];
    let clock = start.getTime() + MINUTE;
    for (const entry of queued) {
      test.setNow(new Date(clock));
      handoffs.adviserSeen('sam');
      expect(await handoffs.accept(entry.id, 'sam')).toBe(true);
      const waited = (clock - entry.at) / MINUTE;
      rows.push(`estimate ${entry.estimate} min, waited ${waited} min`);
      expect(Math.abs(entry.estimate - waited)).toBeLessThanOrEqual(Math.max(3, waited * 0.2));
      clock += chatMinutes * MINUTE;
      test.setNow(new Date(clock));
      await handoffs.end(entry.id, 'sam');
    }
    console.log(`Wait estimates with one adviser and ${chatMinutes}-minute chats:\n  ${rows.join('\n  ')}`);
  });

  it('is not given when no adviser is signed in: nobody can say', async () => {
    const test = testServices(new Date('2026-11-23T13:00:00Z'));
    const { place } = await test.services.handoffs.enqueue(turnFor('alone'), summary);
    expect(place).toEqual({ position: 1, waitMinutes: undefined });
  });
});
