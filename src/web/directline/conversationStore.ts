/**
 * The local Direct Line's conversations: every activity (the user's and the bot's) in order, each
 * with its place in the conversation (the watermark), and whoever is listening on a WebSocket.
 *
 * Conversations and activities are in SQLite, so a restart does not end anyone's webchat (a live
 * adviser chat included), and a flood of strangers cannot push a live conversation out: when the
 * caps are reached, new conversations are refused instead. The caps are per conversation (its
 * oldest activities go first), per starting address and in all. Conversations idle for longer than
 * a token can live (plus a margin) are dropped, as they can no longer be reached. This copy of the
 * messages is also erased by "delete my data" and purged after the retention period, like the
 * bot's own. Listeners are the only part kept in memory: they are open sockets (with several instances,
 * each activity is also relayed to the one holding the socket).
 */
import { ConversationDataStore, ConversationIds } from '../../storage/dataEraser';
import { Db } from '../../storage/database';
import { Prepare, statementCache } from '../../storage/statements';

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
  private readonly prepare: Prepare;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Where each published set also goes, when other instances may hold the conversation's stream. */
  relay?: (conversationId: string, set: ActivitySet) => void;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly limits: StoreLimits,
  ) {
    this.prepare = statementCache(db);
  }

  /** Starts storing a conversation, unless that would pass a cap. */
  create(id: string, userId: string, client: string, userName?: string): Created {
    return this.db.transaction((): Created => {
      if (this.count('SELECT COUNT(*) AS n FROM directline_conversations') >= this.limits.maxConversations) return { ok: false, reason: 'full' };
      if (this.count('SELECT COUNT(*) AS n FROM directline_conversations WHERE client = ?', client) >= this.limits.maxConversationsPerClient) {
        return { ok: false, reason: 'client_full' };
      }
      this.prepare('INSERT INTO directline_conversations (id, user_id, user_name, client, last_seen) VALUES (?, ?, ?, ?, ?)').run(id, userId, userName ?? null, client, this.now());
      return { ok: true, conversation: { id, userId, userName, started: false } };
    })();
  }

  /** The conversation, marked as just used; undefined when unknown or dropped. */
  get(id: string): Conversation | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    const now = this.now();
    if (now - row.last_seen >= TOUCH_EVERY_MS) this.prepare('UPDATE directline_conversations SET last_seen = ? WHERE id = ?').run(now, id);
    return toConversation(row);
  }

  /** Records that the conversation has started (the bot was told the user joined). */
  markStarted(conversation: Conversation, userName?: string): Conversation {
    this.prepare('UPDATE directline_conversations SET started = 1, user_name = COALESCE(user_name, ?) WHERE id = ?').run(userName ?? null, conversation.id);
    return { ...conversation, started: true, userName: conversation.userName ?? userName };
  }

  /** The watermark after the newest activity. */
  watermark(conversation: Conversation): number {
    return this.row(conversation.id)?.next_sequence ?? 0;
  }

  /**
   * Adds an activity with the next id, stores it and pushes it to listeners. Typing activities are
   * pushed but not stored (Direct Line sends them only over the WebSocket). Returns the activity.
   */
  append(conversation: Conversation, activity: DirectLineActivity): DirectLineActivity {
    const stored = this.db.transaction(() => {
      const sequence = this.watermark(conversation);
      const withId = { ...activity, id: activityId(conversation.id, sequence) };
      if (activity.type === 'typing') return withId;
      const body = JSON.stringify(withId);
      this.prepare('INSERT INTO directline_activities (conversation_id, sequence, body, bytes, at) VALUES (?, ?, ?, ?, ?)').run(conversation.id, sequence, body, body.length, this.now());
      this.prepare('UPDATE directline_conversations SET next_sequence = ?, bytes = bytes + ? WHERE id = ?').run(sequence + 1, body.length, conversation.id);
      this.keepWithinLimits(conversation.id);
      return withId;
    })();
    const sequence = sequenceOf(conversation.id, stored.id as string) ?? 0;
    this.publish(conversation.id, activity.type === 'typing' ? { activities: [stored] } : { activities: [stored], watermark: String(sequence + 1) });
    return stored;
  }

  /** Replaces a stored activity (the bot updated it) and pushes the new version. False when not found. */
  replace(conversation: Conversation, id: string, activity: DirectLineActivity): boolean {
    const sequence = sequenceOf(conversation.id, id);
    if (sequence === undefined) return false;
    const updated = { ...activity, id };
    const body = JSON.stringify(updated);
    const replaced = this.db.transaction(() => {
      const old = this.prepare<[string, number], { bytes: number }>('SELECT bytes FROM directline_activities WHERE conversation_id = ? AND sequence = ?').get(conversation.id, sequence);
      if (!old) return false;
      this.prepare('UPDATE directline_activities SET body = ?, bytes = ? WHERE conversation_id = ? AND sequence = ?').run(body, body.length, conversation.id, sequence);
      this.prepare('UPDATE directline_conversations SET bytes = bytes + ? WHERE id = ?').run(body.length - old.bytes, conversation.id);
      return true;
    })();
    if (replaced) this.publish(conversation.id, { activities: [updated], watermark: String(this.watermark(conversation)) });
    return replaced;
  }

  /** Forgets a stored activity (the bot deleted it); later watermarks are unchanged. */
  remove(conversation: Conversation, id: string): boolean {
    const sequence = sequenceOf(conversation.id, id);
    if (sequence === undefined) return false;
    return this.db.transaction(() => {
      const gone = this.prepare<[string, number], { bytes: number }>('DELETE FROM directline_activities WHERE conversation_id = ? AND sequence = ? RETURNING bytes').get(conversation.id, sequence);
      if (gone) this.prepare('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?').run(gone.bytes, conversation.id);
      return gone !== undefined;
    })();
  }

  /** Stored activities from this watermark on (all of them when it is missing or unreadable). */
  since(conversation: Conversation, watermark: string | undefined): ActivitySet {
    const from = Number.parseInt(watermark ?? '', 10);
    const rows = this.prepare<[string, number], { body: string }>('SELECT body FROM directline_activities WHERE conversation_id = ? AND sequence >= ? ORDER BY sequence')
      .all(conversation.id, Number.isFinite(from) ? from : 0);
    return { activities: rows.map((r) => JSON.parse(r.body) as DirectLineActivity), watermark: String(this.watermark(conversation)) };
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
  sweep(): string[] {
    const idle = this.prepare<[number], { id: string }>('SELECT id FROM directline_conversations WHERE last_seen < ?').all(this.now() - this.limits.idleMs);
    const gone = idle.map((r) => r.id).filter((id) => !this.listeners.get(id)?.size);
    const drop = this.prepare('DELETE FROM directline_conversations WHERE id = ?');
    this.db.transaction(() => gone.forEach((id) => drop.run(id)))();
    return gone;
  }

  /** Deletes activities stored before the cut-off (the retention period); returns how many. */
  purgeBefore(cutoff: Date): number {
    return this.db.transaction(() => {
      const gone = this.prepare<[number], { conversation_id: string; bytes: number }>('DELETE FROM directline_activities WHERE at < ? RETURNING conversation_id, bytes').all(cutoff.getTime());
      const shrink = this.prepare('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?');
      for (const row of gone) shrink.run(row.bytes, row.conversation_id);
      return gone.length;
    })();
  }

  /**
   * "Delete my data": every stored activity of the conversation (and of the user's others) and the
   * name they gave. The conversation itself stays open, with its watermark, so the bot's
   * "I have deleted this chat" still reaches them and the chat can carry on.
   */
  deleteConversation({ conversationId, userId }: ConversationIds): void {
    this.db.transaction(() => {
      const ids = this.prepare<[string, string], { id: string }>('SELECT id FROM directline_conversations WHERE id = ? OR user_id = ?').all(conversationId, userId);
      for (const { id } of ids) {
        this.prepare('DELETE FROM directline_activities WHERE conversation_id = ?').run(id);
        this.prepare('UPDATE directline_conversations SET bytes = 0, user_name = NULL WHERE id = ?').run(id);
      }
    })();
  }

  private row(id: string): ConversationRow | undefined {
    return this.prepare<[string], ConversationRow>('SELECT id, user_id, user_name, started, next_sequence, last_seen FROM directline_conversations WHERE id = ?').get(id);
  }

  private count(sql: string, ...params: unknown[]): number {
    return this.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0;
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
  private keepWithinLimits(conversationId: string): void {
    const { maxActivitiesPerConversation, maxBytesPerConversation } = this.limits;
    let count = this.count('SELECT COUNT(*) AS n FROM directline_activities WHERE conversation_id = ?', conversationId);
    let bytes = this.prepare<[string], { bytes: number }>('SELECT bytes FROM directline_conversations WHERE id = ?').get(conversationId)?.bytes ?? 0;
    const oldest = this.prepare<[string], { sequence: number; bytes: number }>('SELECT sequence, bytes FROM directline_activities WHERE conversation_id = ? ORDER BY sequence LIMIT 1');
    const drop = this.prepare('DELETE FROM directline_activities WHERE conversation_id = ? AND sequence = ?');
    let dropped = 0;
    // The newest activity always stays, however big.
    while (count > 1 && (count > maxActivitiesPerConversation || bytes > maxBytesPerConversation)) {
      const first = oldest.get(conversationId)!;
      drop.run(conversationId, first.sequence);
      count -= 1;
      bytes -= first.bytes;
      dropped += first.bytes;
    }
    if (dropped) this.prepare('UPDATE directline_conversations SET bytes = bytes - ? WHERE id = ?').run(dropped, conversationId);
  }
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
