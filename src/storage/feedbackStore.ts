/** "Did this help?" answers, kept with the article or journey they were about, for advisers to review. */
import { ConversationIds } from './dataEraser';
import { SqlClient } from './sql/sqlClient';

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
  constructor(private readonly sql: SqlClient) {}

  async record(entry: FeedbackEntry): Promise<void> {
    await this.sql.run('INSERT INTO feedback (conversation_id, article_id, journey_id, helpful, created_at) VALUES (?, ?, ?, ?, ?)', [
      entry.conversationId,
      entry.articleId ?? null,
      entry.journeyId ?? null,
      entry.helpful ? 1 : 0,
      entry.at.getTime(),
    ]);
  }

  /** Articles and journeys people said did not help, most complained-of first. */
  unhelpful(): Promise<UnhelpfulCount[]> {
    return this.sql.all<UnhelpfulCount>(
      `SELECT article_id AS "articleId", journey_id AS "journeyId",
              SUM(1 - helpful) AS unhelpful, SUM(helpful) AS helpful, MAX(created_at) AS "lastAt"
         FROM feedback GROUP BY article_id, journey_id HAVING SUM(1 - helpful) > 0
        ORDER BY unhelpful DESC, "lastAt" DESC`,
    );
  }

  async deleteConversation({ conversationId }: ConversationIds): Promise<void> {
    await this.sql.run('DELETE FROM feedback WHERE conversation_id = ?', [conversationId]);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM feedback WHERE created_at < ?', [cutoff.getTime()]);
  }
}
