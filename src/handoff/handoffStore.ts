/**
 * The handoff queue and the messages left for advisers, in SQLite, so a restart loses no queue
 * entry, live chat or message. Status moves bot → waiting → with_adviser → ended, or to
 * timed_out (nobody accepted in time) or left (the user stopped waiting).
 */
import { ConversationReference } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { Db } from '../storage/database';
import { Prepare, statementCache } from '../storage/statements';
import { HandoffSummary } from './handoffSummary';

export type HandoffStatus = 'waiting' | 'with_adviser' | 'ended' | 'timed_out' | 'left';

export interface Handoff {
  id: number;
  conversationId: string;
  userId: string;
  channelId: string;
  reference: Partial<ConversationReference>;
  summary: HandoffSummary;
  status: HandoffStatus;
  adviser: string | null;
  queuedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  toldPosition: number | null;
}

export interface LeftMessage {
  id: number;
  conversationId: string;
  channelId: string;
  reference: Partial<ConversationReference>;
  summary: HandoffSummary;
  text: string;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}

interface HandoffRow {
  id: number;
  conversation_id: string;
  user_id: string;
  channel_id: string;
  reference: string;
  summary: string;
  status: HandoffStatus;
  adviser: string | null;
  queued_at: number;
  accepted_at: number | null;
  ended_at: number | null;
  told_position: number | null;
}

interface LeftMessageRow {
  id: number;
  conversation_id: string;
  channel_id: string;
  reference: string;
  summary: string;
  text: string;
  created_at: number;
  done_at: number | null;
  done_by: string | null;
}

const toHandoff = (r: HandoffRow): Handoff => ({
  id: r.id,
  conversationId: r.conversation_id,
  userId: r.user_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference),
  summary: JSON.parse(r.summary),
  status: r.status,
  adviser: r.adviser,
  queuedAt: r.queued_at,
  acceptedAt: r.accepted_at,
  endedAt: r.ended_at,
  toldPosition: r.told_position,
});

const toLeftMessage = (r: LeftMessageRow): LeftMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference),
  summary: JSON.parse(r.summary),
  text: r.text,
  createdAt: r.created_at,
  doneAt: r.done_at,
  doneBy: r.done_by,
});

export class HandoffStore {
  private readonly prepare: Prepare;

  constructor(db: Db) {
    this.prepare = statementCache(db);
  }

  add(entry: { reference: Partial<ConversationReference>; summary: HandoffSummary; at: Date }): Handoff {
    const ref = entry.reference;
    const id = this.prepare('INSERT INTO handoffs (conversation_id, user_id, channel_id, reference, summary, status, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(ref.conversation?.id ?? '', ref.user?.id ?? '', ref.channelId ?? '', JSON.stringify(ref), JSON.stringify(entry.summary), 'waiting', entry.at.getTime()).lastInsertRowid;
    return this.get(Number(id))!;
  }

  get(id: number): Handoff | undefined {
    const row = this.prepare<[number], HandoffRow>('SELECT * FROM handoffs WHERE id = ?').get(id);
    return row && toHandoff(row);
  }

  /** The conversation's handoff that is still waiting or live, if any. */
  openFor(conversationId: string): Handoff | undefined {
    const row = this.prepare<[string], HandoffRow>("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('waiting', 'with_adviser') ORDER BY id DESC LIMIT 1")
      .get(conversationId);
    return row && toHandoff(row);
  }

  waiting(): Handoff[] {
    return this.prepare<[], HandoffRow>("SELECT * FROM handoffs WHERE status = 'waiting' ORDER BY queued_at, id").all().map(toHandoff);
  }

  live(): Handoff[] {
    return this.prepare<[], HandoffRow>("SELECT * FROM handoffs WHERE status = 'with_adviser' ORDER BY accepted_at, id").all().map(toHandoff);
  }

  /** Moves a handoff on only if it is still in the expected status; false when someone else got there first. */
  transition(id: number, from: HandoffStatus, to: HandoffStatus, changes: { adviser?: string; at: Date }): boolean {
    const column = to === 'with_adviser' ? 'accepted_at' : 'ended_at';
    const result = this.prepare(`UPDATE handoffs SET status = ?, adviser = COALESCE(?, adviser), ${column} = ? WHERE id = ? AND status = ?`)
      .run(to, changes.adviser ?? null, changes.at.getTime(), id, from);
    return result.changes === 1;
  }

  /** What came of an ended chat, set once by the adviser who had it. */
  setOutcome(id: number, adviser: string, outcome: string): boolean {
    return this.prepare("UPDATE handoffs SET outcome = ? WHERE id = ? AND status = 'ended' AND adviser = ? AND outcome IS NULL").run(outcome, id, adviser).changes === 1;
  }

  outcomeOf(id: number): string | null {
    return this.prepare<[number], { outcome: string | null }>('SELECT outcome FROM handoffs WHERE id = ?').get(id)?.outcome ?? null;
  }

  /** A live chat passes from one adviser to another; false if it is no longer theirs. */
  reassign(id: number, from: string, to: string): boolean {
    return this.prepare("UPDATE handoffs SET adviser = ? WHERE id = ? AND status = 'with_adviser' AND adviser = ?").run(to, id, from).changes === 1;
  }

  /**
   * A live chat goes back to the queue. Its queue time starts again, so the wait before other
   * routes are offered is a whole one, and it goes behind families who have not been helped yet.
   */
  requeue(id: number, from: string, at: Date): boolean {
    return (
      this.prepare("UPDATE handoffs SET status = 'waiting', adviser = NULL, accepted_at = NULL, queued_at = ?, told_position = NULL WHERE id = ? AND status = 'with_adviser' AND adviser = ?")
        .run(at.getTime(), id, from).changes === 1
    );
  }

  /** Danger seen during the chat: the summary's flags grow and it becomes urgent. */
  addSafetyFlags(id: number, kinds: readonly string[]): void {
    const handoff = this.get(id);
    if (!handoff) return;
    const summary: HandoffSummary = { ...handoff.summary, urgent: true, safetyFlags: [...new Set([...handoff.summary.safetyFlags, ...kinds])] };
    this.prepare('UPDATE handoffs SET summary = ? WHERE id = ?').run(JSON.stringify(summary), id);
  }

  setToldPosition(id: number, position: number): void {
    this.prepare('UPDATE handoffs SET told_position = ? WHERE id = ?').run(position, id);
  }

  /** How long the most recent chats with an adviser lasted, in minutes, for wait estimates. */
  recentHandleMinutes(limit: number): number[] {
    return this.prepare<[number], { minutes: number }>(
        "SELECT (ended_at - accepted_at) / 60000.0 AS minutes FROM handoffs WHERE status = 'ended' AND accepted_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
      )
      .all(limit)
      .map((r) => r.minutes);
  }

  addLeftMessage(entry: { reference: Partial<ConversationReference>; summary: HandoffSummary; text: string; at: Date }): number {
    const ref = entry.reference;
    return Number(
      this.prepare('INSERT INTO left_messages (conversation_id, user_id, channel_id, reference, summary, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(ref.conversation?.id ?? '', ref.user?.id ?? '', ref.channelId ?? '', JSON.stringify(ref), JSON.stringify(entry.summary), entry.text, entry.at.getTime()).lastInsertRowid,
    );
  }

  leftMessage(id: number): LeftMessage | undefined {
    const row = this.prepare<[number], LeftMessageRow>('SELECT * FROM left_messages WHERE id = ?').get(id);
    return row && toLeftMessage(row);
  }

  leftMessages(): LeftMessage[] {
    return this.prepare<[], LeftMessageRow>('SELECT * FROM left_messages ORDER BY done_at IS NOT NULL, created_at DESC').all().map(toLeftMessage);
  }

  markDone(id: number, adviser: string, at: Date): boolean {
    return this.prepare('UPDATE left_messages SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL').run(at.getTime(), adviser, id).changes === 1;
  }

  deleteConversation({ conversationId, userId }: ConversationIds): void {
    this.prepare('DELETE FROM handoffs WHERE conversation_id = ? OR user_id = ?').run(conversationId, userId);
    this.prepare('DELETE FROM left_messages WHERE conversation_id = ? OR user_id = ?').run(conversationId, userId);
  }

  /** Ended chats and messages older than the cut-off go; waiting and live ones stay. */
  purgeBefore(cutoff: Date): { handoffs: number; messages: number } {
    const t = cutoff.getTime();
    return {
      handoffs: this.prepare("DELETE FROM handoffs WHERE status NOT IN ('waiting', 'with_adviser') AND queued_at < ?").run(t).changes,
      messages: this.prepare('DELETE FROM left_messages WHERE created_at < ?').run(t).changes,
    };
  }
}
