/** Says opening hours and times the way people say them: "Monday to Friday, 9.30am to 3pm", "on Wednesday at 1pm". */
import { DateTime } from 'luxon';
import { TimeRange, WeeklyHours } from '../config/weeklyHours';

const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function dayName(isoWeekday: number): string {
  return DAY_NAMES[isoWeekday];
}

export function clockTime(minutesAfterMidnight: number): string {
  const h = Math.floor(minutesAfterMidnight / 60);
  const m = minutesAfterMidnight % 60;
  const suffix = h < 12 ? 'am' : 'pm';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return m ? `${hour12}.${String(m).padStart(2, '0')}${suffix}` : `${hour12}${suffix}`;
}

function describeDays(days: number[]): string {
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  if (consecutive) return `${dayName(days[0])} to ${dayName(days[days.length - 1])}`;
  const names = days.map(dayName);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function describeRanges(ranges: readonly TimeRange[]): string {
  return ranges.map((r) => `${clockTime(r.start)} to ${clockTime(r.end)}`).join(' and ');
}

export function describeWeeklyHours(hours: WeeklyHours): string {
  const groups = new Map<string, number[]>();
  for (const [day, ranges] of [...hours.entries()].sort((a, b) => a[0] - b[0])) {
    const key = describeRanges(ranges);
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  return [...groups.entries()].map(([times, days]) => `${describeDays(days)}, ${times}`).join('; ');
}

/**
 * When something opens next, as a person would say it: "today at 1pm", "tomorrow, Tuesday, at 1.30pm",
 * "on Wednesday at 1pm", or with the date when it is a week or more away.
 */
export function describeOpening(opening: Date, now: Date, zone = 'Europe/London'): string {
  const at = DateTime.fromJSDate(opening, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const time = clockTime(at.hour * 60 + at.minute);
  if (days === 0) return `today at ${time}`;
  const day = dayName(at.weekday);
  if (days === 1) return `tomorrow, ${day}, at ${time}`;
  return days < 7 ? `on ${day} at ${time}` : `on ${day} ${at.day} ${at.setLocale('en-GB').toFormat('LLLL')} at ${time}`;
}

/** A time later today, as a person would say it: "3pm". */
export function describeTimeToday(at: Date, zone = 'Europe/London'): string {
  const local = DateTime.fromJSDate(at, { zone });
  return clockTime(local.hour * 60 + local.minute);
}
