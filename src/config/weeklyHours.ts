/**
 * Weekly opening hours written the way a person would ("Mon,Wed 13:00-15:00; Fri 10:00-12:00"),
 * parsed and validated with zod so a typo in .env names the setting and what is wrong.
 */
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TimeRange {
  /** Minutes after midnight, local time. */
  start: number;
  /** Minutes after midnight, local time; exclusive. */
  end: number;
}

/** One entry per ISO weekday (1 = Monday ... 7 = Sunday). */
export type WeeklyHours = ReadonlyMap<number, readonly TimeRange[]>;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function minutes(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function expandDays(text: string): number[] | undefined {
  const days: number[] = [];
  for (const part of text.toLowerCase().split(',')) {
    const [from, to] = part.trim().split('-').map((d) => WEEKDAYS.indexOf(d.trim().slice(0, 3) as Weekday) + 1);
    if (!from || (to !== undefined && !to)) return undefined;
    for (let d = from; d <= (to ?? from); d++) days.push(d);
  }
  return days;
}

export const weeklyHoursSchema = z.string().transform((text, ctx): WeeklyHours => {
  const hours = new Map<number, TimeRange[]>();
  for (const rule of text.split(';').map((r) => r.trim()).filter(Boolean)) {
    const match = /^(\S+)\s+(\S+)-(\S+)$/.exec(rule);
    const days = match && expandDays(match[1]);
    const start = match ? minutes(match[2]) : undefined;
    const end = match ? minutes(match[3]) : undefined;
    if (!days || start === undefined || end === undefined || end <= start) {
      ctx.addIssue({ code: 'custom', message: `'${rule}' is not like 'Mon,Wed 13:00-15:00' or 'Mon-Fri 09:30-15:00'` });
      return z.NEVER;
    }
    for (const day of days) hours.set(day, [...(hours.get(day) ?? []), { start, end }].sort((a, b) => a.start - b.start));
  }
  return hours;
});

export const closureDatesSchema = z
  .string()
  .transform((text) => text.split(',').map((d) => d.trim()).filter(Boolean))
  .pipe(z.array(z.iso.date()));
