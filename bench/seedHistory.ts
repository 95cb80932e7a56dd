/**
 * Past conversations written straight into the database, for reports with a known answer and for
 * timing them at scale: each conversation has a few transcript lines on its channel, an article
 * given as an answer, sometimes feedback, and every fourth one a handoff that an adviser answered,
 * timed out or was left. What each one gets follows from its number, so the counts can be worked out.
 */
import { SqlClient } from '../src/storage/sql/sqlClient';

export const SEED_CHANNELS = ['webchat', 'sms', 'telegram'] as const;
export const SEED_ADVISERS = ['sam', 'ali'] as const;
export const SEED_ARTICLES = ['cs-early-help', 'cs-child-protection-plan', 'cs-care-proceedings'] as const;
const OUTCOMES = ['advice-given', 'referred', 'call-back', 'safeguarding-concern'] as const;

export interface SeedOptions {
  conversations: number;
  /** The first conversation's time; each next one starts `gapMs` later. */
  start: Date;
  gapMs: number;
}

const LINE = 'INSERT INTO transcript (conversation_id, sender, text, at, danger, channel_id) VALUES (?, ?, ?, ?, 0, ?)';
const TOPIC = 'INSERT INTO topics_asked (article_id, channel_id, at) VALUES (?, ?, ?)';
const FEEDBACK = 'INSERT INTO feedback (conversation_id, article_id, helpful, created_at) VALUES (?, ?, ?, ?)';
const HANDOFF = `INSERT INTO handoffs (conversation_id, user_id, channel_id, reference, summary, status, adviser, queued_at, accepted_at, ended_at, outcome, rating, rated_at)
     VALUES (?, ?, ?, '{}', '{}', ?, ?, ?, ?, ?, ?, ?, ?)`;

export async function seedHistory(sql: SqlClient, { conversations, start, gapMs }: SeedOptions): Promise<void> {
  await sql.transaction(async (tx) => {
    const line = (...values: unknown[]) => tx.run(LINE, values);
    const topic = (...values: unknown[]) => tx.run(TOPIC, values);
    const feedback = (...values: unknown[]) => tx.run(FEEDBACK, values);
    const handoff = (...values: unknown[]) => tx.run(HANDOFF, values);
    for (let i = 0; i < conversations; i++) {
      const id = `seeded-${i}`;
      const channel = SEED_CHANNELS[i % SEED_CHANNELS.length];
      const at = start.getTime() + i * gapMs;
      await line(id, 'user', 'A question from a family', at, channel);
      await line(id, 'bot', 'An answer from the bot', at + 1000, channel);
      await line(id, 'user', 'A second question', at + 60_000, channel);
      await line(id, 'bot', 'A second answer', at + 61_000, channel);
      const article = SEED_ARTICLES[i % SEED_ARTICLES.length];
      await topic(article, channel, at + 1000);
      if (i % 5 === 0) await feedback(id, article, i % 10 === 0 ? 0 : 1, at + 2000);
      if (i % 4 !== 0) continue;
      const kind = (i / 4) % 4;
      const queued = at + 120_000;
      if (kind === 2) await handoff(id, `u-${id}`, channel, 'timed_out', null, queued, null, queued + 600_000, null, null, null);
      else if (kind === 3) await handoff(id, `u-${id}`, channel, 'left', null, queued, null, queued + 60_000, null, null, null);
      else {
        // Waits of 1 to 10 minutes, so the percentiles have something to find.
        const accepted = queued + (1 + (i % 10)) * 60_000;
        const rating = i % 3 === 0 ? null : 1 + (i % 3);
        await handoff(id, `u-${id}`, channel, 'ended', SEED_ADVISERS[kind], queued, accepted, accepted + 900_000, OUTCOMES[kind], rating, rating === null ? null : accepted + 901_000);
      }
    }
  });
}
