/** Transcripts, messages and feedback are kept for RETENTION_DAYS, then purged; live queues are never purged. */
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { HandoffStore } from '../src/handoff/handoffStore';
import { HandoffSummary } from '../src/handoff/handoffSummary';
import { purgeExpired } from '../src/handoff/housekeeping';
import { NoteStore } from '../src/handoff/noteStore';
import { AuditLog } from '../src/web/advisers/auditLog';
import { TranscriptStore } from '../src/handoff/transcriptStore';
import { openDatabase } from '../src/storage/database';
import { FeedbackStore } from '../src/storage/feedbackStore';
import { SqliteStorage } from '../src/storage/sqliteStorage';

const summary: HandoffSummary = { reason: 'asked', topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'webchat', articlesSeen: [] };
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);

describe('the retention purge', () => {
  it('deletes what is older than the retention period and keeps the rest', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const db = openDatabase(':memory:');
    const transcripts = new TranscriptStore(db);
    const handoffStore = new HandoffStore(db);
    const feedback = new FeedbackStore(db);
    const notes = new NoteStore(db);
    const audit = new AuditLog(db);
    audit.record('sam', 'sign in', undefined, daysAgo(now, 31));
    audit.record('sam', 'sign in', undefined, daysAgo(now, 1));
    notes.add({ conversationId: 'old', handoffId: 1, adviser: 'sam', text: 'an old note', at: daysAgo(now, 31) });
    notes.add({ conversationId: 'new', handoffId: 2, adviser: 'sam', text: 'a new note', at: daysAgo(now, 1) });
    const reference = (id: string) => ({ conversation: { id, isGroup: false, conversationType: '', name: '' }, user: { id: `u-${id}`, name: '' }, channelId: 'webchat' });
    transcripts.add('old', 'user', 'an old worry', daysAgo(now, 31));
    transcripts.add('new', 'user', 'a new worry', daysAgo(now, 29));
    const oldEnded = handoffStore.add({ reference: reference('old'), summary, at: daysAgo(now, 40) });
    handoffStore.transition(oldEnded.id, 'waiting', 'left', { at: daysAgo(now, 40) });
    const stillWaiting = handoffStore.add({ reference: reference('waiting'), summary, at: daysAgo(now, 40) });
    handoffStore.addLeftMessage({ reference: reference('old'), summary, text: 'old message', at: daysAgo(now, 31) });
    handoffStore.addLeftMessage({ reference: reference('new'), summary, text: 'new message', at: daysAgo(now, 1) });
    feedback.record({ conversationId: 'old', articleId: 'cs-early-help', helpful: false, at: daysAgo(now, 60) });
    const state = new SqliteStorage(db);
    state.writeJson('webchat/conversations/old/', '{"phone":"07700 900123"}');
    db.prepare('UPDATE bot_state SET updated_at = ?').run(daysAgo(now, 31).getTime());
    state.writeJson('webchat/conversations/new/', '{}');

    const purged = purgeExpired({ transcripts, handoffStore, notes, audit, feedback, state, config: loadConfig({ RETENTION_DAYS: '30' }), logger: createLogger('silent'), now: () => now } as never);

    expect(purged).toEqual({ transcript: 1, handoffs: 1, messages: 1, notes: 1, audit: 1, feedback: 1, state: 1 });
    expect(transcripts.forConversation('new').map((l) => l.text)).toEqual(['a new worry']);
    expect(transcripts.forConversation('old')).toEqual([]);
    expect(handoffStore.get(stillWaiting.id)?.status).toBe('waiting');
    expect(notes.forConversation('new').map((n) => n.text)).toEqual(['a new note']);
    expect(notes.forConversation('old')).toEqual([]);
    expect(handoffStore.leftMessages().map((m) => m.text)).toEqual(['new message']);
  });
});
