/** Transcripts, messages, feedback, topics asked and the audit log are kept for RETENTION_DAYS, then purged; live queues are never purged. */
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { HandoffStore } from '../../src/handoff/handoffStore';
import { HandoffSummary } from '../../src/handoff/handoffSummary';
import { purgeExpired } from '../../src/handoff/housekeeping';
import { NoteStore } from '../../src/handoff/noteStore';
import { AuditLog } from '../../src/web/advisers/auditLog';
import { TranscriptStore } from '../../src/handoff/transcriptStore';
import { FeedbackStore } from '../../src/storage/feedbackStore';
import { SqlStorage } from '../../src/storage/sqlStorage';
import { TopicStore } from '../../src/storage/topicStore';
import { storeBackends } from './backends';

const summary: HandoffSummary = { reason: 'asked', topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'webchat', articlesSeen: [] };
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);

describe.each(storeBackends())('the retention purge on $name', ({ create }) => {
  it('deletes what is older than the retention period and keeps the rest', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const sql = await (await create()).open();
    const transcripts = new TranscriptStore(sql);
    const handoffStore = new HandoffStore(sql);
    const feedback = new FeedbackStore(sql);
    const notes = new NoteStore(sql);
    const audit = new AuditLog(sql);
    const topics = new TopicStore(sql);
    await topics.record('cs-early-help', 'webchat', daysAgo(now, 31));
    await topics.record('cs-early-help', 'webchat', daysAgo(now, 1));
    await audit.record('sam', 'sign in', undefined, daysAgo(now, 31));
    await audit.record('sam', 'sign in', undefined, daysAgo(now, 1));
    await notes.add({ conversationId: 'old', handoffId: 1, adviser: 'sam', text: 'an old note', at: daysAgo(now, 31) });
    await notes.add({ conversationId: 'new', handoffId: 2, adviser: 'sam', text: 'a new note', at: daysAgo(now, 1) });
    const reference = (id: string) => ({ conversation: { id, isGroup: false, conversationType: '', name: '' }, user: { id: `u-${id}`, name: '' }, channelId: 'webchat' });
    await transcripts.add('old', 'user', 'an old worry', daysAgo(now, 31));
    await transcripts.add('new', 'user', 'a new worry', daysAgo(now, 29));
    const oldEnded = await handoffStore.add({ reference: reference('old'), summary, at: daysAgo(now, 40) });
    await handoffStore.transition(oldEnded.id, 'waiting', 'left', { at: daysAgo(now, 40) });
    const stillWaiting = await handoffStore.add({ reference: reference('waiting'), summary, at: daysAgo(now, 40) });
    await handoffStore.addLeftMessage({ reference: reference('old'), summary, text: 'old message', at: daysAgo(now, 31) });
    await handoffStore.addLeftMessage({ reference: reference('new'), summary, text: 'new message', at: daysAgo(now, 1) });
    await feedback.record({ conversationId: 'old', articleId: 'cs-early-help', helpful: false, at: daysAgo(now, 60) });
    const state = new SqlStorage(sql);
    await state.writeJson('webchat/conversations/old/', '{"phone":"07700 900123"}');
    await sql.run('UPDATE bot_state SET updated_at = ?', [daysAgo(now, 31).getTime()]);
    await state.writeJson('webchat/conversations/new/', '{}');

    const purged = await purgeExpired({ transcripts, handoffStore, notes, audit, feedback, topics, state, config: loadConfig({ RETENTION_DAYS: '30' }), logger: createLogger('silent'), now: () => now } as never);

    expect(purged).toEqual({ transcript: 1, handoffs: 1, messages: 1, notes: 1, audit: 1, feedback: 1, topics: 1, state: 1 });
    expect((await transcripts.forConversation('new')).map((l) => l.text)).toEqual(['a new worry']);
    expect(await transcripts.forConversation('old')).toEqual([]);
    expect((await handoffStore.get(stillWaiting.id))?.status).toBe('waiting');
    expect((await notes.forConversation('new')).map((n) => n.text)).toEqual(['a new note']);
    expect(await notes.forConversation('old')).toEqual([]);
    expect((await handoffStore.leftMessages()).map((m) => m.text)).toEqual(['new message']);
  });
});
