/**
 * England and Wales bank holidays from the date-holidays library: public holidays only
 * (substitute days included), never observances such as Mother's Day.
 */
import Holidays from 'date-holidays';

export class BankHolidays {
  private readonly holidays = new Holidays('GB', 'ENG');
  private readonly byYear = new Map<number, ReadonlySet<string>>();

  /** @param isoDate a local calendar date, "YYYY-MM-DD". */
  isBankHoliday(isoDate: string): boolean {
    const year = Number(isoDate.slice(0, 4));
    let dates = this.byYear.get(year);
    if (!dates) {
      dates = new Set(this.holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      this.byYear.set(year, dates);
    }
    return dates.has(isoDate);
  }
}
