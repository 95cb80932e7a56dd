/**
 * The handoff queue and the messages left for advisers, in the database (SQLite or PostgreSQL),
 * so a restart loses no queue entry, live chat or message, and every instance sees the same queue. Status moves bot → waiting → with_adviser → ended, or to
 * timed_out (nobody accepted in time) or left (the user stopped waiting).
 */
import { ConversationReference } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { SqlClient, SqlRunner } from '../storage/sql/sqlClient';
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

interface NewHandoff {
  reference: Partial<ConversationReference>;
  summary: HandoffSummary;
  at: Date;
}

async function insertHandoff(sql: SqlRunner, { reference: ref, summary, at }: NewHandoff): Promise<Handoff> {
  const row = await sql.get<HandoffRow>(
    'INSERT INTO handoffs (conversation_id, user_id, channel_id, reference, summary, status, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
    [ref.conversation?.id ?? '', ref.user?.id ?? '', ref.channelId ?? '', JSON.stringify(ref), JSON.stringify(summary), 'waiting', at.getTime()],
  );
  return toHandoff(row!);
}

export class HandoffStore {
  constructor(private readonly sql: SqlClient) {}

  add(entry: NewHandoff): Promise<Handoff> {
    return insertHandoff(this.sql, entry);
  }

  /**
   * The conversation's open handoff, or a new one in the queue. Checked and added under the
   * conversation's lock, so a family asking twice at once (on two instances) is queued once.
   */
  openOrAdd(entry: NewHandoff): Promise<Handoff> {
    const conversationId = entry.reference.conversation?.id ?? '';
    return this.sql.transaction(async (tx) => {
      await tx.lockInTransaction(`handoff-open:${conversationId}`);
      const open = await tx.get<HandoffRow>("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('waiting', 'with_adviser') ORDER BY id DESC LIMIT 1", [conversationId]);
      return open ? toHandoff(open) : insertHandoff(tx, entry);
    });
  }

  async get(id: number): Promise<Handoff | undefined> {
    const row = await this.sql.get<HandoffRow>('SELECT * FROM handoffs WHERE id = ?', [id]);
    return row && toHandoff(row);
  }

  /** The conversation's handoff that is still waiting or live, if any. */
  async openFor(conversationId: string): Promise<Handoff | undefined> {
    const row = await this.sql.get<HandoffRow>("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('waiting', 'with_adviser') ORDER BY id DESC LIMIT 1", [conversationId]);
    return row && toHandoff(row);
  }

  async waiting(): Promise<Handoff[]> {
    return (await this.sql.all<HandoffRow>("SELECT * FROM handoffs WHERE status = 'waiting' ORDER BY queued_at, id")).map(toHandoff);
  }

  async live(): Promise<Handoff[]> {
    return (await this.sql.all<HandoffRow>("SELECT * FROM handoffs WHERE status = 'with_adviser' ORDER BY accepted_at, id")).map(toHandoff);
  }

  /**
   * Moves a handoff on only if it is still in the expected status; false when someone else got
   * there first. One conditional UPDATE: of two advisers accepting the same family at once, on any
   * instance, the database lets exactly one change the row.
   */
  async transition(id: number, from: HandoffStatus, to: HandoffStatus, changes: { adviser?: string; at: Date }): Promise<boolean> {
    const column = to === 'with_adviser' ? 'accepted_at' : 'ended_at';
    const changed = await this.sql.run(`UPDATE handoffs SET status = ?, adviser = COALESCE(?, adviser), ${column} = ? WHERE id = ? AND status = ?`, [
      to,
      changes.adviser ?? null,
      changes.at.getTime(),
      id,
      from,
    ]);
    return changed === 1;
  }

  /** What came of an ended chat, set once by the adviser who had it. */
  async setOutcome(id: number, adviser: string, outcome: string): Promise<boolean> {
    return (await this.sql.run("UPDATE handoffs SET outcome = ? WHERE id = ? AND status = 'ended' AND adviser = ? AND outcome IS NULL", [outcome, id, adviser])) === 1;
  }

  /** The family's rating of an ended chat (1 not good, 2 OK, 3 good), given once. */
  async setRating(id: number, rating: number, at: Date): Promise<boolean> {
    return (await this.sql.run("UPDATE handoffs SET rating = ?, rated_at = ? WHERE id = ? AND status = 'ended' AND rating IS NULL", [rating, at.getTime(), id])) === 1;
  }

  async ratingOf(id: number): Promise<number | null> {
    return (await this.sql.get<{ rating: number | null }>('SELECT rating FROM handoffs WHERE id = ?', [id]))?.rating ?? null;
  }

  async outcomeOf(id: number): Promise<string | null> {
    return (await this.sql.get<{ outcome: string | null }>('SELECT outcome FROM handoffs WHERE id = ?', [id]))?.outcome ?? null;
  }

  /** A live chat passes from one adviser to another; false if it is no longer theirs. */
  async reassign(id: number, from: string, to: string): Promise<boolean> {
    return (await this.sql.run("UPDATE handoffs SET adviser = ? WHERE id = ? AND status = 'with_adviser' AND adviser = ?", [to, id, from])) === 1;
  }

  /**
   * A live chat goes back to the queue. Its queue time starts again, so the wait before other
   * routes are offered is a whole one, and it goes behind families who have not been helped yet.
   */
  async requeue(id: number, from: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE handoffs SET status = 'waiting', adviser = NULL, accepted_at = NULL, queued_at = ?, told_position = NULL WHERE id = ? AND status = 'with_adviser' AND adviser = ?",
      [at.getTime(), id, from],
    );
    return changed === 1;
  }

  /** Danger seen during the chat: the summary's flags grow and it becomes urgent. Read and write hold the row, so no flag is lost. */
  async addSafetyFlags(id: number, kinds: readonly string[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.lockInTransaction(`handoff:${id}`);
      const row = await tx.get<HandoffRow>('SELECT * FROM handoffs WHERE id = ?', [id]);
      if (!row) return;
      const handoff = toHandoff(row);
      const summary: HandoffSummary = { ...handoff.summary, urgent: true, safetyFlags: [...new Set([...handoff.summary.safetyFlags, ...kinds])] };
      await tx.run('UPDATE handoffs SET summary = ? WHERE id = ?', [JSON.stringify(summary), id]);
    });
  }

  async setToldPosition(id: number, position: number): Promise<void> {
    await this.sql.run('UPDATE handoffs SET told_position = ? WHERE id = ?', [position, id]);
  }

  /** How long the most recent chats with an adviser lasted, in minutes, for wait estimates. */
  async recentHandleMinutes(limit: number): Promise<number[]> {
    const rows = await this.sql.all<{ minutes: number }>(
      "SELECT (ended_at - accepted_at) / 60000.0 AS minutes FROM handoffs WHERE status = 'ended' AND accepted_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
      [limit],
    );
    return rows.map((r) => r.minutes);
  }

  async addLeftMessage(entry: { reference: Partial<ConversationReference>; summary: HandoffSummary; text: string; at: Date }): Promise<number> {
    const ref = entry.reference;
    const row = await this.sql.get<{ id: number }>(
      'INSERT INTO left_messages (conversation_id, user_id, channel_id, reference, summary, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [ref.conversation?.id ?? '', ref.user?.id ?? '', ref.channelId ?? '', JSON.stringify(ref), JSON.stringify(entry.summary), entry.text, entry.at.getTime()],
    );
    return row!.id;
  }

  async leftMessage(id: number): Promise<LeftMessage | undefined> {
    const row = await this.sql.get<LeftMessageRow>('SELECT * FROM left_messages WHERE id = ?', [id]);
    return row && toLeftMessage(row);
  }

  async leftMessages(): Promise<LeftMessage[]> {
    return (await this.sql.all<LeftMessageRow>('SELECT * FROM left_messages ORDER BY done_at IS NOT NULL, created_at DESC')).map(toLeftMessage);
  }

  async markDone(id: number, adviser: string, at: Date): Promise<boolean> {
    return (await this.sql.run('UPDATE left_messages SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL', [at.getTime(), adviser, id])) === 1;
  }

  async deleteConversation({ conversationId, userId }: ConversationIds): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM handoffs WHERE conversation_id = ? OR user_id = ?', [conversationId, userId]);
      await tx.run('DELETE FROM left_messages WHERE conversation_id = ? OR user_id = ?', [conversationId, userId]);
    });
  }

  /** Ended chats and messages older than the cut-off go; waiting and live ones stay. */
  async purgeBefore(cutoff: Date): Promise<{ handoffs: number; messages: number }> {
    const t = cutoff.getTime();
    return {
      handoffs: await this.sql.run("DELETE FROM handoffs WHERE status NOT IN ('waiting', 'with_adviser') AND queued_at < ?", [t]),
      messages: await this.sql.run('DELETE FROM left_messages WHERE created_at < ?', [t]),
    };
  }
}
