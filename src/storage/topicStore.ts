/**
 * Which articles the bot gave as answers, for the lead's report of the topics families ask about:
 * the article's id, the channel and the time, nothing that leads back to a family (no conversation
 * id, no words). Kept for RETENTION_DAYS like everything else.
 */
import { Db } from './database';
import { Prepare, statementCache } from './statements';

export class TopicStore {
  private readonly prepare: Prepare;

  constructor(db: Db) {
    this.prepare = statementCache(db);
  }

  async record(articleId: string, channelId: string, at: Date): Promise<void> {
    this.prepare('INSERT INTO topics_asked (article_id, channel_id, at) VALUES (?, ?, ?)').run(articleId, channelId, at.getTime());
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    return this.prepare('DELETE FROM topics_asked WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
