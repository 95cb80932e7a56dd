/**
 * Advisers' private notes on a conversation, in SQLite. The family never sees them: they are
 * not transcript lines and nothing sends them. Kept for RETENTION_DAYS like the transcript, and
 * forgotten with the conversation on "delete my data".
 */
import { ConversationDataStore, ConversationIds } from '../storage/dataEraser';
import { Db } from '../storage/database';
import { Prepare, statementCache } from '../storage/statements';

export interface Note {
  id: number;
  adviser: string;
  text: string;
  at: number;
}

export class NoteStore implements ConversationDataStore {
  private readonly prepare: Prepare;

  constructor(db: Db) {
    this.prepare = statementCache(db);
  }

  add(note: { conversationId: string; handoffId: number; adviser: string; text: string; at: Date }): Note {
    const id = this.prepare('INSERT INTO adviser_notes (conversation_id, handoff_id, adviser, text, at) VALUES (?, ?, ?, ?, ?)')
      .run(note.conversationId, note.handoffId, note.adviser, note.text, note.at.getTime()).lastInsertRowid;
    return { id: Number(id), adviser: note.adviser, text: note.text, at: note.at.getTime() };
  }

  /** Every note on the conversation, across its handoffs, oldest first. */
  forConversation(conversationId: string): Note[] {
    return this.prepare<[string], Note>('SELECT id, adviser, text, at FROM adviser_notes WHERE conversation_id = ? ORDER BY id').all(conversationId);
  }

  deleteConversation({ conversationId }: ConversationIds): void {
    this.prepare('DELETE FROM adviser_notes WHERE conversation_id = ?').run(conversationId);
  }

  purgeBefore(cutoff: Date): number {
    return this.prepare('DELETE FROM adviser_notes WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
