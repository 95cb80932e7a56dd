/**
 * Which articles the bot gave as answers, for the lead's report of the topics families ask about:
 * the article's id, the channel and the time, nothing that leads back to a family (no conversation
 * id, no words). Kept for RETENTION_DAYS like everything else.
 */
import { SqlClient } from './sql/sqlClient';

export class TopicStore {
  constructor(private readonly sql: SqlClient) {}

  async record(articleId: string, channelId: string, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO topics_asked (article_id, channel_id, at) VALUES (?, ?, ?)', [articleId, channelId, at.getTime()]);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM topics_asked WHERE at < ?', [cutoff.getTime()]);
  }
}
