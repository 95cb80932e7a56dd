/**
 * The local Direct Line's conversations: every activity (the user's and the bot's) in order, each
 * with its place in the conversation (the watermark), and whoever is listening on a WebSocket.
 *
 * Kept in memory, not in SQLite, on purpose. This is a delivery buffer, not a record: the bot already
 * keeps what it needs in SQLite, with retention and "delete my data". A second copy of every message
 * here would escape both, so it lives only as long as the chat is open: conversations idle for an hour
 * are dropped, and caps on conversations, activities and bytes keep a busy day inside the server's
 * small heap. A restart ends open webchat sessions; Web Chat is then refused (403) when it reconnects
 * and the page offers a new chat.
 */

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
  userId: string;
  userName?: string;
  started: boolean;
  lastSeen: number;
}

export interface StoreLimits {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  maxTotalBytes: number;
  idleMs: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxConversations: 2000,
  maxActivitiesPerConversation: 400,
  maxTotalBytes: 24 * 1024 * 1024,
  idleMs: 60 * 60 * 1000,
};

type Listener = (set: ActivitySet) => void;

interface Entry {
  conversation: Conversation;
  /** Stored activities, oldest first; activities[i] has sequence number `dropped + i`. */
  activities: DirectLineActivity[];
  sizes: number[];
  dropped: number;
  bytes: number;
  listeners: Set<Listener>;
}

export class ConversationStore {
  /** A Map keeps insertion order; touching an entry moves it to the end, so the first is least recently used. */
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits: StoreLimits = DEFAULT_LIMITS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  create(id: string, userId: string, userName?: string): Conversation {
    const conversation: Conversation = { id, userId, userName, started: false, lastSeen: this.now() };
    this.entries.set(id, { conversation, activities: [], sizes: [], dropped: 0, bytes: 0, listeners: new Set() });
    this.evictBeyondLimits();
    return conversation;
  }

  /** The conversation, marked as just used; undefined when unknown or expired. */
  get(id: string): Conversation | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    entry.conversation.lastSeen = this.now();
    return entry.conversation;
  }

  /** The watermark after the newest activity. */
  watermark(conversation: Conversation): number {
    const entry = this.entry(conversation);
    return entry.dropped + entry.activities.length;
  }

  /**
   * Adds an activity with the next id, stores it and pushes it to listeners. Typing activities are
   * pushed but not stored (Direct Line sends them only over the WebSocket). Returns the activity.
   */
  append(conversation: Conversation, activity: DirectLineActivity): DirectLineActivity {
    const entry = this.entry(conversation);
    const sequence = entry.dropped + entry.activities.length;
    const stored = { ...activity, id: `${conversation.id}|${String(sequence).padStart(7, '0')}` };
    if (activity.type === 'typing') {
      this.publish(entry, { activities: [stored] });
      return stored;
    }
    const size = JSON.stringify(stored).length;
    entry.activities.push(stored);
    entry.sizes.push(size);
    entry.bytes += size;
    this.totalBytes += size;
    while (entry.activities.length > this.limits.maxActivitiesPerConversation) this.dropOldest(entry);
    this.publish(entry, { activities: [stored], watermark: String(sequence + 1) });
    this.evictBeyondLimits();
    return stored;
  }

  /** Replaces a stored activity (the bot updated it) and pushes the new version. False when not found. */
  replace(conversation: Conversation, activityId: string, activity: DirectLineActivity): boolean {
    const entry = this.entry(conversation);
    const index = entry.activities.findIndex((a) => a.id === activityId);
    if (index < 0) return false;
    const updated = { ...activity, id: activityId };
    const size = JSON.stringify(updated).length;
    entry.bytes += size - entry.sizes[index];
    this.totalBytes += size - entry.sizes[index];
    entry.activities[index] = updated;
    entry.sizes[index] = size;
    this.publish(entry, { activities: [updated], watermark: String(this.watermark(conversation)) });
    return true;
  }

  /** Forgets a stored activity (the bot deleted it); later watermarks are unchanged. */
  remove(conversation: Conversation, activityId: string): boolean {
    const entry = this.entry(conversation);
    const index = entry.activities.findIndex((a) => a.id === activityId);
    if (index < 0) return false;
    entry.activities[index] = { type: 'messageDelete', id: activityId };
    const size = JSON.stringify(entry.activities[index]).length;
    entry.bytes += size - entry.sizes[index];
    this.totalBytes += size - entry.sizes[index];
    entry.sizes[index] = size;
    return true;
  }

  /** Stored activities from this watermark on (all of them when it is missing or unreadable). */
  since(conversation: Conversation, watermark: string | undefined): ActivitySet {
    const entry = this.entry(conversation);
    const from = Number.parseInt(watermark ?? '', 10);
    const start = Number.isFinite(from) ? Math.max(from - entry.dropped, 0) : 0;
    const activities = entry.activities.slice(start).filter((a) => a.type !== 'messageDelete');
    return { activities, watermark: String(this.watermark(conversation)) };
  }

  /** Calls the listener with every activity appended from now on, until the returned function is called. */
  subscribe(conversation: Conversation, listener: Listener): () => void {
    const entry = this.entry(conversation);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  hasListeners(conversation: Conversation): boolean {
    return (this.entries.get(conversation.id)?.listeners.size ?? 0) > 0;
  }

  /** Drops conversations idle for longer than the limit that nobody is listening to. */
  sweep(): string[] {
    const cutoff = this.now() - this.limits.idleMs;
    const gone: string[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.conversation.lastSeen < cutoff && entry.listeners.size === 0) {
        this.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  private entry(conversation: Conversation): Entry {
    const entry = this.entries.get(conversation.id);
    if (!entry) throw new Error('conversation is no longer stored');
    return entry;
  }

  private publish(entry: Entry, set: ActivitySet): void {
    for (const listener of [...entry.listeners]) listener(set);
  }

  private dropOldest(entry: Entry): void {
    entry.activities.shift();
    const size = entry.sizes.shift() ?? 0;
    entry.bytes -= size;
    this.totalBytes -= size;
    entry.dropped += 1;
  }

  private delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.totalBytes -= entry.bytes;
    this.entries.delete(id);
  }

  /** Least recently used conversations go first when there are too many or they hold too much. */
  private evictBeyondLimits(): void {
    for (const [id] of this.entries) {
      if (this.entries.size <= this.limits.maxConversations && this.totalBytes <= this.limits.maxTotalBytes) return;
      if (this.entries.size === 1) return;
      this.delete(id);
    }
  }
}
