/**
 * The conversation's transcript in the database: every message the user and the bot (or an adviser)
 * sent, as plain text, for the adviser who takes the conversation over, with the safety check's
 * verdict on each of the family's lines. Lines are written by TranscriptMiddleware before the turn
 * is acknowledged, so a crash never loses a line the channel was told was taken. Times are the
 * server's own: a channel's timestamp decides nothing here, least of all how long a line is kept.
 * Kept for RETENTION_DAYS, then purged.
 */
import { Activity } from 'botbuilder';
import { ConversationIds } from '../storage/dataEraser';
import { SqlClient, SqlRunner } from '../storage/sql/sqlClient';

export type Sender = 'user' | 'bot' | 'adviser';

export interface TranscriptLine {
  id: number;
  sender: Sender;
  text: string;
  at: number;
  /** The safety check found danger now in this line of the family's. */
  danger: boolean;
  /** The safety check was not sure about this line of the family's (its "check" tier). */
  unsure: boolean;
}

export interface NewLine {
  conversationId: string;
  sender: Sender;
  text: string;
  at: Date;
  danger?: boolean;
  unsure?: boolean;
  /** The channel it came on or went out on, for the lead's count of contacts by channel. */
  channelId?: string;
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
  unsure: number;
}

const toLine = (r: LineRow): TranscriptLine => ({ id: r.id, sender: r.sender, text: r.text, at: r.at, danger: r.danger === 1, unsure: r.unsure === 1 });

async function insert(sql: SqlRunner, line: NewLine): Promise<TranscriptLine> {
  const danger = line.sender === 'user' && line.danger === true;
  const unsure = line.sender === 'user' && line.unsure === true;
  const row = await sql.get<{ id: number }>('INSERT INTO transcript (conversation_id, sender, text, at, danger, unsure, channel_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id', [
    line.conversationId,
    line.sender,
    line.text,
    line.at.getTime(),
    danger ? 1 : 0,
    unsure ? 1 : 0,
    line.channelId ?? null,
  ]);
  return { id: row!.id, sender: line.sender, text: line.text, at: line.at.getTime(), danger, unsure };
}

export class TranscriptStore {
  constructor(private readonly sql: SqlClient) {}

  /** Writes lines in one transaction; returns them as stored. */
  async addLines(lines: readonly NewLine[]): Promise<TranscriptLine[]> {
    if (!lines.length) return [];
    return this.sql.transaction(async (tx) => {
      const stored: TranscriptLine[] = [];
      for (const line of lines) stored.push(await insert(tx, line));
      return stored;
    });
  }

  add(conversationId: string, sender: Sender, text: string, at: Date, danger = false): Promise<TranscriptLine> {
    return insert(this.sql, { conversationId, sender, text, at, danger });
  }

  async forConversation(conversationId: string, afterId = 0): Promise<TranscriptLine[]> {
    const rows = await this.sql.all<LineRow>('SELECT id, sender, text, at, danger, unsure FROM transcript WHERE conversation_id = ? AND id > ? ORDER BY id', [conversationId, afterId]);
    return rows.map(toLine);
  }

  /** When the family last wrote in this conversation, if they have. */
  async lastFamilyLineAt(conversationId: string): Promise<number | undefined> {
    return (await this.sql.get<{ at: number }>("SELECT at FROM transcript WHERE conversation_id = ? AND sender = 'user' ORDER BY id DESC LIMIT 1", [conversationId]))?.at;
  }

  async deleteConversation({ conversationId }: ConversationIds): Promise<void> {
    await this.sql.run('DELETE FROM transcript WHERE conversation_id = ?', [conversationId]);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM transcript WHERE at < ?', [cutoff.getTime()]);
  }
}
