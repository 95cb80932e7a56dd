/** "Did this help?" answers, kept with the article or journey they were about, for advisers to review. */
import { ConversationIds } from './dataEraser';
import { Db } from './database';
import { Prepare, statementCache } from './statements';

export interface FeedbackEntry {
  conversationId: string;
  articleId?: string;
  journeyId?: string;
  helpful: boolean;
  at: Date;
}

export interface UnhelpfulCount {
  articleId: string | null;
  journeyId: string | null;
  unhelpful: number;
  helpful: number;
  lastAt: number;
}

export class FeedbackStore {
  private readonly prepare: Prepare;

  constructor(db: Db) {
    this.prepare = statementCache(db);
  }

  record(entry: FeedbackEntry): void {
    this.prepare('INSERT INTO feedback (conversation_id, article_id, journey_id, helpful, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(entry.conversationId, entry.articleId ?? null, entry.journeyId ?? null, entry.helpful ? 1 : 0, entry.at.getTime());
  }

  /** Articles and journeys people said did not help, most complained-of first. */
  unhelpful(): UnhelpfulCount[] {
    return this.prepare<[], UnhelpfulCount>(
        `SELECT article_id AS articleId, journey_id AS journeyId,
                SUM(helpful = 0) AS unhelpful, SUM(helpful = 1) AS helpful, MAX(created_at) AS lastAt
           FROM feedback GROUP BY article_id, journey_id HAVING SUM(helpful = 0) > 0
          ORDER BY unhelpful DESC, lastAt DESC`,
      )
      .all();
  }

  deleteConversation({ conversationId }: ConversationIds): void {
    this.prepare('DELETE FROM feedback WHERE conversation_id = ?').run(conversationId);
  }

  purgeBefore(cutoff: Date): number {
    return this.prepare('DELETE FROM feedback WHERE created_at < ?').run(cutoff.getTime()).changes;
  }
}
