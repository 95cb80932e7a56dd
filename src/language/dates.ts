/**
 * Finds the date in what someone wrote ("next Tuesday", "the 3rd", "3/12") with
 * @microsoft/recognizers-text-suite, read against the message's time in Europe/London.
 * It never guesses: a date that could mean more than one day, or one already past, comes
 * back marked for the bot to confirm with the user.
 */
import { recognizeDateTime, Culture } from '@microsoft/recognizers-text-suite';
import { recognizerInput } from './recognizerInput';
import { DateTime } from 'luxon';

export type DateReading =
  | { kind: 'none' }
  /** One clear day, today or later. */
  | { kind: 'clear'; date: string }
  /** Probably this day, but the words could mean another: ask first. */
  | { kind: 'confirm'; date: string }
  /** The words point to a day that has already gone. */
  | { kind: 'past'; date: string };

const ZONE = 'Europe/London';
/** UK numeric dates are day first: 3/12 is 3 December, which the recognizers (US English) read as 12 March. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?\b/;

interface Resolution {
  type: string;
  value?: string;
  start?: string;
  end?: string;
}

export function readDate(said: string, at: Date): DateReading {
  const text = recognizerInput(said);
  const today = DateTime.fromJSDate(at, { zone: ZONE }).startOf('day');
  const numeric = readNumericDate(text, today);
  if (numeric) return numeric;
  // The recognizers read the reference as local time, so give them London's calendar day at noon.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  for (const result of recognizeDateTime(text, Culture.English, undefined, reference)) {
    const values = (result.resolution?.values ?? []) as Resolution[];
    const todayIso = today.toISODate() ?? '';
    const duration = values.find((v) => v.type === 'duration' && v.value);
    if (duration && /\bin\b/i.test(text)) return { kind: 'confirm', date: today.plus({ seconds: Number(duration.value) }).toISODate() ?? '' };
    const range = values.find((v) => v.type === 'daterange' && v.end);
    if (range?.end && range.end.slice(0, 10) <= todayIso) return { kind: 'past', date: range.end.slice(0, 10) };
    const days = [...new Set(values.map(dayOf).filter((d): d is string => Boolean(d && ISO_DAY.test(d))))].sort();
    if (!days.length) continue;
    const future = days.filter((d) => d >= todayIso);
    if (!future.length) return { kind: 'past', date: days[days.length - 1] };
    const clear = days.length === 1 && values.every((v) => v.type === 'date' || v.type === 'datetime');
    return { kind: clear ? 'clear' : 'confirm', date: future[0] };
  }
  return { kind: 'none' };
}

/** The calendar day a resolution points at, if it points at one (a range or duration's start). */
function dayOf(value: Resolution): string | undefined {
  if (value.type === 'date' || value.type === 'datetime') return value.value?.slice(0, 10);
  if (value.type === 'daterange' && value.start && value.end && value.start === value.end) return value.start.slice(0, 10);
  return undefined;
}

function readNumericDate(text: string, today: DateTime): DateReading | undefined {
  const match = NUMERIC_DATE.exec(text);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const yearText = match[3];
  let year = yearText ? Number(yearText.length === 2 ? `20${yearText}` : yearText) : today.year;
  let date = DateTime.fromObject({ year, month, day }, { zone: ZONE });
  if (!date.isValid) return undefined;
  if (!yearText && date < today) {
    year += 1;
    date = date.set({ year });
  }
  const iso = date.toISODate() ?? '';
  return date < today ? { kind: 'past', date: iso } : { kind: 'confirm', date: iso };
}

/** "22 November 2026": dates written out, never as 22/11/2026, which some readers find hard. */
export function dayMonthYear(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "Tuesday 1 December 2026": the way the bot writes a date. */
export function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** Today's calendar date in London. */
export function londonDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate() ?? '';
}
