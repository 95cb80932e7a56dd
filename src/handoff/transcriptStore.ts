/**
 * The conversation's transcript in SQLite, written by botbuilder's TranscriptLoggerMiddleware:
 * every message the user and the bot (or an adviser) sent, as plain text, for the adviser who
 * takes the conversation over. Kept for RETENTION_DAYS, then purged.
 */
import { Activity, ActivityTypes, TranscriptLogger } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { Db } from '../storage/database';

export type Sender = 'user' | 'bot' | 'adviser';

export interface TranscriptLine {
  id: number;
  sender: Sender;
  text: string;
  at: number;
}

/** Set on an outgoing activity's channelData when an adviser, not the bot, wrote it. */
export const ADVISER_MARK = 'sentByAdviser';

export class TranscriptStore implements TranscriptLogger {
  constructor(private readonly db: Db) {}

  logActivity(activity: Activity): void {
    if (activity.type !== ActivityTypes.Message || !activity.conversation?.id) return;
    const buttons = (activity.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`).join(' ');
    const text = [activity.text ?? '', buttons].filter(Boolean).join('\n');
    if (!text) return;
    // TranscriptLoggerMiddleware marks what comes in with the role "user"; what goes out is the bot's, or an adviser's.
    const byAdviser = (activity.channelData as Record<string, unknown> | undefined)?.[ADVISER_MARK] === true;
    const sender: Sender = byAdviser ? 'adviser' : activity.from?.role === 'user' ? 'user' : 'bot';
    this.add(activity.conversation.id, sender, text, activity.timestamp ? new Date(activity.timestamp) : new Date());
  }

  add(conversationId: string, sender: Sender, text: string, at: Date): void {
    this.db.prepare('INSERT INTO transcript (conversation_id, sender, text, at) VALUES (?, ?, ?, ?)').run(conversationId, sender, text, at.getTime());
  }

  forConversation(conversationId: string, afterId = 0): TranscriptLine[] {
    return this.db
      .prepare<[string, number], TranscriptLine>('SELECT id, sender, text, at FROM transcript WHERE conversation_id = ? AND id > ? ORDER BY id')
      .all(conversationId, afterId);
  }

  deleteConversation({ conversationId }: ConversationIds): void {
    this.db.prepare('DELETE FROM transcript WHERE conversation_id = ?').run(conversationId);
  }

  purgeBefore(cutoff: Date): number {
    return this.db.prepare('DELETE FROM transcript WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
