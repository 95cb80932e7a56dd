/**
 * The lead's reports, counted by the database: every figure here is an SQL aggregate over a time
 * range, so a report costs a few indexed scans however many conversations there have been. Only
 * counts leave this module, with article ids, channels and advisers' usernames: never a family's
 * name, words or conversation id. The SQL is portable (CASE, CAST, COUNT, GROUP BY, LIMIT/OFFSET,
 * NULLS FIRST as SQLite sorts them anyway), the same on SQLite and PostgreSQL; times are integers in milliseconds.
 */
import { SqlClient } from '../storage/sql/sqlClient';

/** From the first instant of the first day to the first instant after the last one; the days are London's. */
export interface ReportRange {
  start: number;
  end: number;
  /** Where London is an hour ahead of UTC within the range (British Summer Time), as [start, end) instants. */
  summerTime: readonly (readonly [number, number])[];
}

export interface DayCount {
  /** Days since 1 January 1970 in London's calendar. */
  day: number;
  channel: string;
  contacts: number;
}

export interface HandoffCounts {
  queued: number;
  accepted: number;
  timedOut: number;
  left: number;
  stillWaiting: number;
}

export interface AnswerTimes {
  answered: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export class ReportQueries {
  constructor(private readonly sql: SqlClient) {}

  /** Conversations in which the family wrote at least once, a day, by channel. */
  async contactsByDay(range: ReportRange): Promise<DayCount[]> {
    const day = londonDay('at', range);
    return this.sql.all<DayCount>(
      `SELECT ${day.sql} AS day, COALESCE(channel_id, 'unknown') AS channel, COUNT(DISTINCT conversation_id) AS contacts
         FROM transcript WHERE sender = 'user' AND at >= ? AND at < ?
        GROUP BY day, channel ORDER BY day, channel`,
      [...day.params, range.start, range.end],
    );
  }

  /** What became of the families who asked for an adviser in the range. */
  async handoffCounts(range: ReportRange): Promise<HandoffCounts> {
    const counts = await this.sql.get<HandoffCounts>(
      `SELECT COUNT(*) AS queued,
              COALESCE(SUM(CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS accepted,
              COALESCE(SUM(CASE WHEN status = 'timed_out' THEN 1 ELSE 0 END), 0) AS "timedOut",
              COALESCE(SUM(CASE WHEN status = 'left' THEN 1 ELSE 0 END), 0) AS "left",
              COALESCE(SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END), 0) AS "stillWaiting"
         FROM handoffs WHERE queued_at >= ? AND queued_at < ?`,
      [range.start, range.end],
    );
    return counts!;
  }

  /** How long families waited for an adviser to accept: the median and the 90th percentile (nearest rank). */
  async answerTimes(range: ReportRange): Promise<AnswerTimes> {
    const where = 'FROM handoffs WHERE accepted_at IS NOT NULL AND queued_at >= ? AND queued_at < ?';
    const { answered } = (await this.sql.get<{ answered: number }>(`SELECT COUNT(*) AS answered ${where}`, [range.start, range.end]))!;
    const at = async (fraction: number) =>
      answered === 0
        ? null
        : (await this.sql.get<{ wait: number }>(`SELECT accepted_at - queued_at AS wait ${where} ORDER BY accepted_at - queued_at LIMIT 1 OFFSET ?`, [
            range.start,
            range.end,
            Math.ceil(fraction * answered) - 1,
          ]))!.wait;
    return { answered, p50Ms: await at(0.5), p90Ms: await at(0.9) };
  }

  /** Chats each adviser took (the one who had the chat last, after any transfer). */
  async chatsPerAdviser(range: ReportRange): Promise<{ adviser: string; chats: number }[]> {
    return this.sql.all<{ adviser: string; chats: number }>(
      `SELECT adviser, COUNT(*) AS chats FROM handoffs
        WHERE adviser IS NOT NULL AND accepted_at IS NOT NULL AND queued_at >= ? AND queued_at < ?
        GROUP BY adviser ORDER BY chats DESC, adviser`,
      [range.start, range.end],
    );
  }

  /** Ended chats by the outcome the adviser chose, and by the family's rating (null: none given). */
  async outcomesAndRatings(range: ReportRange): Promise<{ outcome: string | null; rating: number | null; chats: number }[]> {
    return this.sql.all<{ outcome: string | null; rating: number | null; chats: number }>(
      `SELECT outcome, rating, COUNT(*) AS chats FROM handoffs
        WHERE status = 'ended' AND accepted_at IS NOT NULL AND queued_at >= ? AND queued_at < ?
        GROUP BY outcome, rating ORDER BY outcome NULLS FIRST, rating NULLS FIRST`,
      [range.start, range.end],
    );
  }

  /** The articles most often given as answers. */
  async topTopics(range: ReportRange, limit: number): Promise<{ articleId: string; times: number }[]> {
    return this.sql.all<{ articleId: string; times: number }>(
      `SELECT article_id AS "articleId", COUNT(*) AS times FROM topics_asked WHERE at >= ? AND at < ?
        GROUP BY article_id ORDER BY times DESC, article_id LIMIT ?`,
      [range.start, range.end, limit],
    );
  }

  /** Answers and journeys people said did not help, most complained-of first. */
  async unhelpful(range: ReportRange, limit: number): Promise<{ articleId: string | null; journeyId: string | null; unhelpful: number; helpful: number }[]> {
    return this.sql.all<{ articleId: string | null; journeyId: string | null; unhelpful: number; helpful: number }>(
      `SELECT article_id AS "articleId", journey_id AS "journeyId",
              SUM(CASE WHEN helpful = 0 THEN 1 ELSE 0 END) AS unhelpful, SUM(CASE WHEN helpful = 1 THEN 1 ELSE 0 END) AS helpful
         FROM feedback WHERE created_at >= ? AND created_at < ?
        GROUP BY article_id, journey_id HAVING SUM(CASE WHEN helpful = 0 THEN 1 ELSE 0 END) > 0
        ORDER BY unhelpful DESC, article_id NULLS FIRST, journey_id NULLS FIRST LIMIT ?`,
      [range.start, range.end, limit],
    );
  }
}

/**
 * The London calendar day of a time column, as whole days since 1970: UTC plus an hour in summer
 * time, then whole days. The summer-time spans come from the range, so the SQL needs no time-zone
 * functions (which SQLite does not have).
 */
function londonDay(column: string, range: ReportRange): { sql: string; params: number[] } {
  const shifts = range.summerTime.map(() => `WHEN ${column} >= ? AND ${column} < ? THEN ${HOUR_MS}`).join(' ');
  const offset = shifts ? `CASE ${shifts} ELSE 0 END` : '0';
  return { sql: `CAST((${column} + ${offset}) / ${DAY_MS} AS INTEGER)`, params: range.summerTime.flat() };
}
