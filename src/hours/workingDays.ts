/** Working days (Monday to Friday, not England and Wales bank holidays) between two calendar dates. */
import { DateTime } from 'luxon';
import { BankHolidays } from './bankHolidays';

/** How many working days come after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysUntil(from: string, to: string, holidays: BankHolidays): number {
  let day = DateTime.fromISO(from).plus({ days: 1 });
  const end = DateTime.fromISO(to);
  let count = 0;
  while (day <= end) {
    const iso = day.toISODate() ?? '';
    if (day.weekday <= 5 && !holidays.isBankHoliday(iso)) count++;
    day = day.plus({ days: 1 });
  }
  return count;
}
