/**
 * Advisers' private notes on a conversation, in the database. The family never sees them: they are
 * not transcript lines and nothing sends them. Kept for RETENTION_DAYS like the transcript, and
 * forgotten with the conversation on "delete my data".
 */
import { ConversationDataStore, ConversationIds } from '../storage/dataEraser';
import { SqlClient } from '../storage/sql/sqlClient';

export interface Note {
  id: number;
  adviser: string;
  text: string;
  at: number;
}

export class NoteStore implements ConversationDataStore {
  constructor(private readonly sql: SqlClient) {}

  async add(note: { conversationId: string; handoffId: number; adviser: string; text: string; at: Date }): Promise<Note> {
    const row = await this.sql.get<{ id: number }>('INSERT INTO adviser_notes (conversation_id, handoff_id, adviser, text, at) VALUES (?, ?, ?, ?, ?) RETURNING id', [
      note.conversationId,
      note.handoffId,
      note.adviser,
      note.text,
      note.at.getTime(),
    ]);
    return { id: row!.id, adviser: note.adviser, text: note.text, at: note.at.getTime() };
  }

  /** Every note on the conversation, across its handoffs, oldest first. */
  forConversation(conversationId: string): Promise<Note[]> {
    return this.sql.all<Note>('SELECT id, adviser, text, at FROM adviser_notes WHERE conversation_id = ? ORDER BY id', [conversationId]);
  }

  async deleteConversation({ conversationId }: ConversationIds): Promise<void> {
    await this.sql.run('DELETE FROM adviser_notes WHERE conversation_id = ?', [conversationId]);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM adviser_notes WHERE at < ?', [cutoff.getTime()]);
  }
}
