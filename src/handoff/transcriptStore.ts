/**
 * The conversation's transcript in SQLite: every message the user and the bot (or an adviser)
 * sent, as plain text, for the adviser who takes the conversation over, with the safety check's
 * verdict on each of the family's lines. Lines are written by TranscriptMiddleware before the turn
 * is acknowledged, so a crash never loses a line the channel was told was taken. Times are the
 * server's own: a channel's timestamp decides nothing here, least of all how long a line is kept.
 * Kept for RETENTION_DAYS, then purged.
 */
import { Activity } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { Db } from '../storage/database';
import { Prepare, statementCache } from '../storage/statements';

export type Sender = 'user' | 'bot' | 'adviser';

export interface TranscriptLine {
  id: number;
  sender: Sender;
  text: string;
  at: number;
  /** The safety check found danger now in this line of the family's. */
  danger: boolean;
}

export interface NewLine {
  conversationId: string;
  sender: Sender;
  text: string;
  at: Date;
  danger?: boolean;
}

/** Set on an outgoing activity's channelData when an adviser, not the bot, wrote it. */
export const ADVISER_MARK = 'sentByAdviser';

/** The words of a message as a transcript shows them: its text, then its buttons. */
export function transcriptText(activity: Partial<Activity>): string {
  const buttons = (activity.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`).join(' ');
  return [activity.text ?? '', buttons].filter(Boolean).join('\n');
}

export function senderOf(activity: Partial<Activity>): Sender {
  const byAdviser = (activity.channelData as Record<string, unknown> | undefined)?.[ADVISER_MARK] === true;
  return byAdviser ? 'adviser' : 'bot';
}

interface LineRow {
  id: number;
  sender: Sender;
  text: string;
  at: number;
  danger: number;
}

const toLine = (r: LineRow): TranscriptLine => ({ id: r.id, sender: r.sender, text: r.text, at: r.at, danger: r.danger === 1 });

export class TranscriptStore {
  private readonly prepare: Prepare;

  constructor(private readonly db: Db) {
    this.prepare = statementCache(db);
  }

  /** Writes lines in one transaction; returns them as stored. */
  addLines(lines: readonly NewLine[]): TranscriptLine[] {
    if (!lines.length) return [];
    return this.db.transaction(() => lines.map((line) => this.insert(line)))();
  }

  add(conversationId: string, sender: Sender, text: string, at: Date, danger = false): TranscriptLine {
    return this.insert({ conversationId, sender, text, at, danger });
  }

  private insert(line: NewLine): TranscriptLine {
    const danger = line.sender === 'user' && line.danger === true;
    const id = this.prepare('INSERT INTO transcript (conversation_id, sender, text, at, danger) VALUES (?, ?, ?, ?, ?)')
      .run(line.conversationId, line.sender, line.text, line.at.getTime(), danger ? 1 : 0).lastInsertRowid;
    return { id: Number(id), sender: line.sender, text: line.text, at: line.at.getTime(), danger };
  }

  forConversation(conversationId: string, afterId = 0): TranscriptLine[] {
    return this.prepare<[string, number], LineRow>('SELECT id, sender, text, at, danger FROM transcript WHERE conversation_id = ? AND id > ? ORDER BY id')
      .all(conversationId, afterId)
      .map(toLine);
  }

  /** When the family last wrote in this conversation, if they have. */
  lastFamilyLineAt(conversationId: string): number | undefined {
    return this.prepare<[string], { at: number }>("SELECT at FROM transcript WHERE conversation_id = ? AND sender = 'user' ORDER BY id DESC LIMIT 1").get(conversationId)?.at;
  }

  deleteConversation({ conversationId }: ConversationIds): void {
    this.prepare('DELETE FROM transcript WHERE conversation_id = ?').run(conversationId);
  }

  purgeBefore(cutoff: Date): number {
    return this.prepare('DELETE FROM transcript WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
