/**
 * When webchat and the advice line are open, in Europe/London time: weekly hours from
 * configuration, closed on bank holidays and extra closure dates. An end time is exclusive.
 */
import { DateTime } from 'luxon';
import { Config } from '../config/config';
import { WeeklyHours } from '../config/weeklyHours';
import { BankHolidays } from './bankHolidays';

export type Service = 'webchat' | 'adviceLine';

/** How far ahead to look for the next opening: covers any realistic run of closures. */
const SEARCH_DAYS = 400;

export class ServiceHours {
  private readonly weekly: Record<Service, WeeklyHours>;
  private readonly closures: ReadonlySet<string>;
  private readonly zone: string;

  constructor(
    config: Pick<Config, 'WEBCHAT_HOURS' | 'ADVICE_LINE_HOURS' | 'EXTRA_CLOSURES' | 'TIME_ZONE'>,
    private readonly holidays = new BankHolidays(),
  ) {
    this.weekly = { webchat: config.WEBCHAT_HOURS, adviceLine: config.ADVICE_LINE_HOURS };
    this.closures = new Set(config.EXTRA_CLOSURES);
    this.zone = config.TIME_ZONE;
  }

  isClosedDay(isoDate: string): boolean {
    return this.closures.has(isoDate) || this.holidays.isBankHoliday(isoDate);
  }

  isOpen(service: Service, at: Date): boolean {
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    if (this.isClosedDay(local.toISODate() ?? '')) return false;
    const minutes = local.hour * 60 + local.minute;
    return (this.weekly[service].get(local.weekday) ?? []).some((r) => minutes >= r.start && minutes < r.end);
  }

  /** When the opening the service is in at `at` ends, or null when it is closed then. */
  closingTime(service: Service, at: Date): Date | null {
    if (!this.isOpen(service, at)) return null;
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    const minutes = local.hour * 60 + local.minute;
    const range = (this.weekly[service].get(local.weekday) ?? []).find((r) => minutes >= r.start && minutes < r.end)!;
    return local.startOf('day').set({ hour: Math.floor(range.end / 60), minute: range.end % 60 }).toJSDate();
  }

  /** The next instant the service opens, or null when it is open at `at`. */
  nextOpening(service: Service, at: Date): Date | null {
    if (this.isOpen(service, at)) return null;
    const start = DateTime.fromJSDate(at, { zone: this.zone }).startOf('day');
    for (let d = 0; d < SEARCH_DAYS; d++) {
      const day = start.plus({ days: d });
      if (this.isClosedDay(day.toISODate() ?? '')) continue;
      for (const range of this.weekly[service].get(day.weekday) ?? []) {
        const opening = day.set({ hour: Math.floor(range.start / 60), minute: range.start % 60 });
        if (opening.toMillis() > at.getTime()) return opening.toJSDate();
      }
    }
    return null;
  }
}
