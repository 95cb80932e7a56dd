/**
 * The local Direct Line's conversations: every activity (the user's and the bot's) in order, each
 * with its place in the conversation (the watermark), and whoever is listening on a WebSocket.
 *
 * Conversations and activities are in the database, so a restart does not end anyone's webchat (a live
 * adviser chat included), and a flood of strangers cannot push a live conversation out: when the
 * caps are reached, new conversations are refused instead. The caps are per conversation (its
 * oldest activities go first), per starting address and in all. Conversations idle for longer than
 * a token can live (plus a margin) are dropped, as they can no longer be reached. This copy of the
 * messages is also erased by "delete my data" and purged after the retention period, like the
 * bot's own. Listeners are the only part kept in memory: they are open sockets (with several instances,
 * each activity is also relayed to the one holding the socket).
 */
import { ConversationDataStore, ConversationIds } from '../../storage/dataEraser';
import { SqlClient, SqlRunner } from '../../storage/sql/sqlClient';

export interface DirectLineActivity {
  type: string;
  id?: string;
  [field: string]: unknown;
}

export interface ActivitySet {
  activities: DirectLineActivity[];
  watermark?: string;
}

export interface Conversation {
  readonly id: string;
  /** The user this conversation's activities come from ("dl_..."). */
  readonly userId: string;
  readonly userName?: string;
  readonly started: boolean;
}

export interface StoreLimits {
  /** Conversations in all; beyond this, new ones are refused (never older ones dropped). */
  maxConversations: number;
  /** Conversations started from one address (its keyed hash). */
  maxConversationsPerClient: number;
  maxActivitiesPerConversation: number;
  maxBytesPerConversation: number;
  idleMs: number;
}

export const DEFAULT_LIMITS: Omit<StoreLimits, 'idleMs'> = {
  maxConversations: 5000,
  maxConversationsPerClient: 20,
  maxActivitiesPerConversation: 400,
  maxBytesPerConversation: 512 * 1024,
};

export type Created = { ok: true; conversation: Conversation } | { ok: false; reason: 'full' | 'client_full' };

type Listener = (set: ActivitySet) => void;

interface ConversationRow {
  id: string;
  user_id: string;
  user_name: string | null;
  started: number;
  next_sequence: number;
  last_seen: number;
}

/** A conversation's last_seen is written at most this often: polling clients would otherwise write on every GET. */
const TOUCH_EVERY_MS = 30_000;

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  userId: row.user_id,
  userName: row.user_name ?? undefined,
  started: row.started === 1,
});

export class ConversationStore implements ConversationDataStore {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Where each published set also goes, when other instances may hold the conversation's stream. */
  relay?: (conversationId: string, set: ActivitySet) => void;

  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number,
    private readonly limits: StoreLimits,
  ) {}

  /** Starts storing a conversation, unless that would pass a cap. */
  create(id: string, userId: string, client: string, userName?: string): Promise<Created> {
    return this.sql.transaction(async (tx): Promise<Created> => {
      // The caps are counted and kept as one step, even with several instances starting conversations at once.
      await tx.lockInTransaction('directline_conversations');
      if ((await count(tx, 'SELECT COUNT(*) AS n FROM directline_conversations')) >= this.limits.maxConversations) return { ok: false, reason: 'full' };
      if ((await count(tx, 'SELECT COUNT(*) AS n FROM directline_conversations WHERE client = ?', client)) >= this.limits.maxConversationsPerClient) {
        return { ok: false, reason: 'client_full' };
      }
      await tx.run('INSERT INTO directline_conversations (id, user_id, user_name, client, last_seen) VALUES (?, ?, ?, ?, ?)', [id, userId, userName ?? null, client, this.now()]);
      return { ok: true, conversation: { id, userId, userName, started: false } };
    });
  }

  /** The conversation, marked as just used; undefined when unknown or dropped. */
  async get(id: string): Promise<Conversation | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    const now = this.now();
    if (now - row.last_seen >= TOUCH_EVERY_MS) await this.sql.run('UPDATE directline_conversations SET last_seen = ? WHERE id = ?', [now, id]);
    return toConversation(row);
  }

  /** Records that the conversation has started (the bot was told the user joined). */
  async markStarted(conversation: Conversation, userName?: string): Promise<Conversation> {
    await this.sql.run('UPDATE directline_conversations SET started = 1, user_name = COALESCE(user_name, ?) WHERE id = ?', [userName ?? null, conversation.id]);
    return { ...conversation, started: true, userName: conversation.userName ?? userName };
  }

  /** The watermark after the newest activity. */
  async watermark(conversation: Conversation): Promise<number> {
    return (await this.row(conversation.id))?.next_sequence ?? 0;
  }

  /**
   * Adds an activity with the next id, stores it and pushes it to listeners. Typing activities are
   * pushed but not stored (Direct Line sends them only over the WebSocket). Returns the activity.
   */
  async append(conversation: Conversation, activity: DirectLineActivity): Promise<DirectLineActivity> {
    if (activity.type === 'typing') {
      const typing = { ...activity, id: activityId(conversation.id, await this.watermark(conversation)) };
      this.publish(conversation.id, { activities: [typing] });
      return typing;
    }
    const stored = await this.sql.transaction(async (tx) => {
      // Taking the next number is the first write: it holds the conversation's row, so concurrent appends (from any instance) queue here.
      const next = await tx.get<{ sequence: number; bytes: number }>(
        'UPDATE directline_conversations SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence - 1 AS sequence, bytes',
        [conversation.id],
      );
      const sequence = next?.sequence ?? 0;
      const withId = { ...activity, id: activityId(conversation.id, sequence) };
      if (!next) return { activity: withId, sequence };
      const body = JSON.stringify(withId);
      await tx.run('INSERT INTO directline_activities (conversation_id, sequence, body, bytes, at) VALUES (?, ?, ?, ?, ?)', [conversation.id, sequence, body, body.length, this.now()]);
      await tx.run('UPDATE directline_conversations SET bytes = bytes + ? WHERE id = ?', [body.length, conversation.id]);
      // A conversation holds at most as many activities as it was ever given: below both caps there is nothing to count.
      const { maxActivitiesPerConversation, maxBytesPerConversation } = this.limits;
      if (sequence + 1 > maxActivitiesPerConversation || next.bytes + body.length > maxBytesPerConversation) await this.keepWithinLimits(tx, conversation.id);
      return { activity: withId, sequence };
    });
    this.publish(conversation.id, { activities: [stored.activity], watermark: String(stored.sequence + 1) });
    return stored.activity;
  }

  /** Replaces a stored activity (the bot updated it) and pushes the new version. False when not found. */
  async replace(conversation: Conversation, id: string, activity: DirectLineActivity): Promise<boolean> {
    const sequence = sequenceOf(conversation.id, id);
    if (sequence === undefined) return false;
    const updated = { ...activity, id };
    const body = JSON.stringify(updated);
    const replaced = await this.sql.transaction(async (tx) => {
      const old = await tx.get<{ bytes: number }>('SELECT bytes FROM directline_activities WHERE conversation_id = ? AND sequence = ?', [conversation.id, sequence]);
      if (!old) return false;
      await tx.run('UPDATE directline_activities SET body = ?, bytes = ? WHERE conversation_id = ? AND sequence = ?', [body, body.length, conversation.id, sequence]);
      await tx.run('UPDATE directline_conversations SET bytes = bytes + ? WHERE id = ?', [body.length - old.bytes, conversation.id]);
      return true;
    });
    if (replaced) this.publish(conversation.id, { activities: [updated], watermark: String(await this.watermark(conversation)) });
    return replaced;
  }

  /** Forgets a stored activity (the bot deleted it); later watermarks are unchanged. */
  async remove(conversation: Conversation, id: string): Promise<boolean> {
    const sequence = sequenceOf(conversation.id, id);
    if (sequence === undefined) return false;
    return this.sql.transaction(async (tx) => {
      const gone = await tx.get<{ bytes: number }>('DELETE FROM directline_activities WHERE conversation_id = ? AND sequence = ? RETURNING bytes', [conversation.id, sequence]);
      if (gone) await tx.run('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?', [gone.bytes, conversation.id]);
      return gone !== undefined;
    });
  }

  /** Stored activities from this watermark on (all of them when it is missing or unreadable). */
  async since(conversation: Conversation, watermark: string | undefined): Promise<ActivitySet> {
    const from = Number.parseInt(watermark ?? '', 10);
    // The watermark first, and only activities below it: one appended in between waits for the next read instead of being skipped.
    const next = await this.watermark(conversation);
    const rows = await this.sql.all<{ body: string }>('SELECT body FROM directline_activities WHERE conversation_id = ? AND sequence >= ? AND sequence < ? ORDER BY sequence', [
      conversation.id,
      Number.isFinite(from) ? from : 0,
      next,
    ]);
    return { activities: rows.map((r) => JSON.parse(r.body) as DirectLineActivity), watermark: String(next) };
  }

  /** Calls the listener with every activity appended from now on, until the returned function is called. */
  subscribe(conversation: Conversation, listener: Listener): () => void {
    let set = this.listeners.get(conversation.id);
    if (!set) this.listeners.set(conversation.id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.listeners.get(conversation.id) === set) this.listeners.delete(conversation.id);
    };
  }

  hasListeners(conversation: Pick<Conversation, 'id'>): boolean {
    return (this.listeners.get(conversation.id)?.size ?? 0) > 0;
  }

  /** Drops conversations idle for longer than the limit that nobody is listening to; returns their ids. */
  async sweep(): Promise<string[]> {
    const idle = await this.sql.all<{ id: string }>('SELECT id FROM directline_conversations WHERE last_seen < ?', [this.now() - this.limits.idleMs]);
    const gone = idle.map((r) => r.id).filter((id) => !this.listeners.get(id)?.size);
    await this.sql.transaction(async (tx) => {
      for (const id of gone) await tx.run('DELETE FROM directline_conversations WHERE id = ?', [id]);
    });
    return gone;
  }

  /** Deletes activities stored before the cut-off (the retention period); returns how many. */
  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const gone = await tx.all<{ conversation_id: string; bytes: number }>('DELETE FROM directline_activities WHERE at < ? RETURNING conversation_id, bytes', [cutoff.getTime()]);
      for (const row of gone) await tx.run('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?', [row.bytes, row.conversation_id]);
      return gone.length;
    });
  }

  /**
   * "Delete my data": every stored activity of the conversation (and of the user's others) and the
   * name they gave. The conversation itself stays open, with its watermark, so the bot's
   * "I have deleted this chat" still reaches them and the chat can carry on.
   */
  async deleteConversation({ conversationId, userId }: ConversationIds): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const ids = await tx.all<{ id: string }>('SELECT id FROM directline_conversations WHERE id = ? OR user_id = ?', [conversationId, userId]);
      for (const { id } of ids) {
        await tx.run('DELETE FROM directline_activities WHERE conversation_id = ?', [id]);
        await tx.run('UPDATE directline_conversations SET bytes = 0, user_name = NULL WHERE id = ?', [id]);
      }
    });
  }

  private row(id: string): Promise<ConversationRow | undefined> {
    return this.sql.get<ConversationRow>('SELECT id, user_id, user_name, started, next_sequence, last_seen FROM directline_conversations WHERE id = ?', [id]);
  }

  /** Pushes a set to this process's listeners only: one published here, or by another instance (src/events/directLineRelay.ts). */
  deliver(conversationId: string, set: ActivitySet): void {
    for (const listener of [...(this.listeners.get(conversationId) ?? [])]) listener(set);
  }

  private publish(conversationId: string, set: ActivitySet): void {
    this.deliver(conversationId, set);
    this.relay?.(conversationId, set);
  }

  /** A conversation over its caps loses its own oldest activities; no other conversation is touched. */
  private async keepWithinLimits(tx: SqlRunner, conversationId: string): Promise<void> {
    const { maxActivitiesPerConversation, maxBytesPerConversation } = this.limits;
    let activities = await count(tx, 'SELECT COUNT(*) AS n FROM directline_activities WHERE conversation_id = ?', conversationId);
    let bytes = (await tx.get<{ bytes: number }>('SELECT bytes FROM directline_conversations WHERE id = ?', [conversationId]))?.bytes ?? 0;
    let dropped = 0;
    // The newest activity always stays, however big.
    while (activities > 1 && (activities > maxActivitiesPerConversation || bytes > maxBytesPerConversation)) {
      const first = (await tx.get<{ sequence: number; bytes: number }>('SELECT sequence, bytes FROM directline_activities WHERE conversation_id = ? ORDER BY sequence LIMIT 1', [conversationId]))!;
      await tx.run('DELETE FROM directline_activities WHERE conversation_id = ? AND sequence = ?', [conversationId, first.sequence]);
      activities -= 1;
      bytes -= first.bytes;
      dropped += first.bytes;
    }
    if (dropped) await tx.run('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?', [dropped, conversationId]);
  }
}

async function count(sql: SqlRunner, query: string, ...params: unknown[]): Promise<number> {
  return (await sql.get<{ n: number }>(query, params))?.n ?? 0;
}

function activityId(conversationId: string, sequence: number): string {
  return `${conversationId}|${String(sequence).padStart(7, '0')}`;
}

/** The sequence number inside one of this conversation's activity ids, or undefined when it is not one. */
function sequenceOf(conversationId: string, id: string): number | undefined {
  const prefix = `${conversationId}|`;
  if (!id.startsWith(prefix)) return undefined;
  const rest = id.slice(prefix.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}
