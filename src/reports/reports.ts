/**
 * The lead's reports as tables: each has a name (its CSV is /advisers/api/reports/NAME.csv), a
 * title, column headings and rows of plain values, built from the aggregates in ReportQueries.
 * The page draws a chart and a table from the same rows, so what is downloaded is what is shown.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { KnowledgeBase } from '../content/knowledgeBase';
import { ReportQueries, ReportRange } from './reportQueries';

const ZONE = 'Europe/London';
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
const TOP = 10;
const DAY_MS = 86_400_000;

export const REPORT_NAMES = ['contacts', 'handoffs', 'answer-times', 'advisers', 'outcomes', 'ratings', 'topics', 'unhelpful'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type Cell = string | number | null;

export interface ReportTable {
  name: ReportName;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface Reports {
  from: string;
  to: string;
  tables: ReportTable[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').refine((d) => DateTime.fromISO(d, { zone: ZONE }).isValid, 'not a real date');

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD, both London days and both included; by default the last 30 days up to today. */
export const rangeSchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), 'days').days >= MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['from'], message: `the range can be at most ${MAX_DAYS} days` });
  });

export function reportRange(query: { from?: string; to?: string }, now: Date): { from: string; to: string; range: ReportRange } {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const last = query.to ? DateTime.fromISO(query.to, { zone: ZONE }) : today;
  let first = query.from ? DateTime.fromISO(query.from, { zone: ZONE }) : last.minus({ days: DEFAULT_DAYS - 1 });
  if (first > last) first = last;
  const start = first.startOf('day').toMillis();
  const end = last.plus({ days: 1 }).startOf('day').toMillis();
  return { from: first.toISODate()!, to: last.toISODate()!, range: { start, end, summerTime: summerTimeWithin(start, end) } };
}

/** The spans of the range in which London keeps British Summer Time (an hour ahead of UTC). */
function summerTimeWithin(start: number, end: number): [number, number][] {
  const spans: [number, number][] = [];
  const ahead = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).offset > 0;
  let spanStart: number | undefined;
  // The clocks change on the hour, so stepping by hours finds each change exactly.
  for (let at = start; at < end; at += 3_600_000) {
    if (ahead(at) && spanStart === undefined) spanStart = at;
    if (!ahead(at) && spanStart !== undefined) {
      spans.push([spanStart, at]);
      spanStart = undefined;
    }
  }
  if (spanStart !== undefined) spans.push([spanStart, end]);
  return spans;
}

const OUTCOME_NAMES: Record<string, string> = {
  'advice-given': 'Advice given',
  referred: 'Referred',
  'call-back': 'Needs a call back',
  'safeguarding-concern': 'Safeguarding concern',
};
const RATING_NAMES: Record<number, string> = { 1: 'Not good', 2: 'OK', 3: 'Good' };
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

export async function buildReports(queries: ReportQueries, knowledge: KnowledgeBase, query: { from?: string; to?: string }, now: Date): Promise<Reports> {
  const { from, to, range } = reportRange(query, now);
  const [contacts, handoffs, times, advisers, outcomes, topics, unhelpful] = await Promise.all([
    queries.contactsByDay(range),
    queries.handoffCounts(range),
    queries.answerTimes(range),
    queries.chatsPerAdviser(range),
    queries.outcomesAndRatings(range),
    queries.topTopics(range, TOP),
    queries.unhelpful(range, TOP),
  ]);
  const title = (id: string | null) => (id && knowledge.get(id)?.title) ?? id ?? 'Unknown';

  const channels = [...new Set(contacts.map((c) => c.channel))].sort();
  const firstDay = Math.floor((range.start + 12 * 3_600_000) / DAY_MS);
  const days = Math.round((range.end - range.start) / DAY_MS);
  const contactRows: Cell[][] = Array.from({ length: days }, (_, i) => {
    const day = firstDay + i;
    const counts = channels.map((ch) => contacts.find((c) => c.day === day && c.channel === ch)?.contacts ?? 0);
    return [new Date(day * DAY_MS).toISOString().slice(0, 10), ...counts, counts.reduce((a, b) => a + b, 0)];
  });

  const byOutcome = new Map<string, number>();
  const byRating = new Map<string, Map<string, number>>();
  for (const row of outcomes) {
    const outcome = row.outcome ? (OUTCOME_NAMES[row.outcome] ?? row.outcome) : 'Not recorded';
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + row.chats);
    const rating = row.rating === null ? 'Not rated' : RATING_NAMES[row.rating];
    const ratings = byRating.get(rating) ?? new Map<string, number>();
    ratings.set(outcome, (ratings.get(outcome) ?? 0) + row.chats);
    byRating.set(rating, ratings);
  }
  const outcomeNames = [...byOutcome.keys()];
  const ratingOrder = ['Good', 'OK', 'Not good', 'Not rated'].filter((r) => byRating.has(r));

  return {
    from,
    to,
    tables: [
      { name: 'contacts', title: 'Contacts a day, by channel', columns: ['Day', ...channels, 'All channels'], rows: contactRows },
      {
        name: 'handoffs',
        title: 'Families who asked for an adviser',
        columns: ['What happened', 'Families'],
        rows: [
          ['Joined the queue', handoffs.queued],
          ['An adviser accepted', handoffs.accepted],
          ['Nobody was free in time', handoffs.timedOut],
          ['Left the queue', handoffs.left],
          ['Still waiting', handoffs.stillWaiting],
        ],
      },
      {
        name: 'answer-times',
        title: 'Time to answer (from joining the queue to an adviser accepting)',
        columns: ['Measure', 'Minutes'],
        rows: [
          ['Half were answered within (median)', minutes(times.p50Ms)],
          ['9 in 10 were answered within (90th percentile)', minutes(times.p90Ms)],
        ],
      },
      { name: 'advisers', title: 'Chats per adviser', columns: ['Adviser', 'Chats'], rows: advisers.map((a) => [a.adviser, a.chats]) },
      { name: 'outcomes', title: 'Outcomes of ended chats', columns: ['Outcome', 'Chats'], rows: outcomeNames.map((o) => [o, byOutcome.get(o)!]) },
      {
        name: 'ratings',
        title: "Families' ratings of their chats, by outcome",
        columns: ['Rating', ...outcomeNames, 'All outcomes'],
        rows: ratingOrder.map((r) => {
          const counts = outcomeNames.map((o) => byRating.get(r)!.get(o) ?? 0);
          return [r, ...counts, counts.reduce((a, b) => a + b, 0)];
        }),
      },
      { name: 'topics', title: 'Top topics asked (articles given as answers)', columns: ['Article', 'Times'], rows: topics.map((t) => [title(t.articleId), t.times]) },
      {
        name: 'unhelpful',
        title: 'Answers rated unhelpful',
        columns: ['Answer', 'Not helpful', 'Helpful'],
        rows: unhelpful.map((u) => [u.articleId ? title(u.articleId) : (u.journeyId ?? 'Unknown'), u.unhelpful, u.helpful]),
      },
    ],
  };
}

/**
 * A table as CSV (RFC 4180). A cell that a spreadsheet would run as a formula (starting =, +, -,
 * @, tab or return) is prefixed with an apostrophe, so a download can never carry one.
 */
export function toCsv(table: ReportTable): string {
  const cell = (value: Cell) => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
