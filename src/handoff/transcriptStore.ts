/**
 * The conversation's transcript in SQLite, written by botbuilder's TranscriptLoggerMiddleware:
 * every message the user and the bot (or an adviser) sent, as plain text, for the adviser who
 * takes the conversation over. Kept for RETENTION_DAYS, then purged.
 */
import { Activity, ActivityTypes, TranscriptLogger } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { Db } from '../storage/database';
import { Prepare, statementCache } from '../storage/statements';

export type Sender = 'user' | 'bot' | 'adviser';

export interface TranscriptLine {
  id: number;
  sender: Sender;
  text: string;
  at: number;
}

/** Set on an outgoing activity's channelData when an adviser, not the bot, wrote it. */
export const ADVISER_MARK = 'sentByAdviser';

interface PendingLine {
  conversationId: string;
  sender: Sender;
  text: string;
  at: number;
}

export class TranscriptStore implements TranscriptLogger {
  private readonly prepare: Prepare;
  /** Lines logged this turn, written together in one transaction once the turn is done. */
  private pending: PendingLine[] = [];
  private flushScheduled = false;

  constructor(private readonly db: Db) {
    this.prepare = statementCache(db);
  }

  logActivity(activity: Activity): void {
    if (activity.type !== ActivityTypes.Message || !activity.conversation?.id) return;
    const buttons = (activity.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`).join(' ');
    const text = [activity.text ?? '', buttons].filter(Boolean).join('\n');
    if (!text) return;
    // TranscriptLoggerMiddleware marks what comes in with the role "user"; what goes out is the bot's, or an adviser's.
    const byAdviser = (activity.channelData as Record<string, unknown> | undefined)?.[ADVISER_MARK] === true;
    const sender: Sender = byAdviser ? 'adviser' : activity.from?.role === 'user' ? 'user' : 'bot';
    this.pending.push({ conversationId: activity.conversation.id, sender, text, at: activity.timestamp ? new Date(activity.timestamp).getTime() : Date.now() });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  add(conversationId: string, sender: Sender, text: string, at: Date): void {
    this.flush();
    this.insert({ conversationId, sender, text, at: at.getTime() });
  }

  /** Writes what was logged so far, all in one transaction. */
  flush(): void {
    this.flushScheduled = false;
    if (!this.pending.length) return;
    const lines = this.pending;
    this.pending = [];
    this.db.transaction(() => lines.forEach((line) => this.insert(line)))();
  }

  private insert(line: PendingLine): void {
    this.prepare('INSERT INTO transcript (conversation_id, sender, text, at) VALUES (?, ?, ?, ?)').run(line.conversationId, line.sender, line.text, line.at);
  }

  forConversation(conversationId: string, afterId = 0): TranscriptLine[] {
    this.flush();
    return this.prepare<[string, number], TranscriptLine>('SELECT id, sender, text, at FROM transcript WHERE conversation_id = ? AND id > ? ORDER BY id')
      .all(conversationId, afterId);
  }

  deleteConversation({ conversationId }: ConversationIds): void {
    this.flush();
    this.prepare('DELETE FROM transcript WHERE conversation_id = ?').run(conversationId);
  }

  purgeBefore(cutoff: Date): number {
    this.flush();
    return this.prepare('DELETE FROM transcript WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
