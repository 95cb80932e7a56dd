/**
 * What the console shows of a handoff: the summary with live countdowns, waiting time, place in the
 * queue. The place is given, not looked up, so a list of n waiting costs one queue read, not n.
 */
import { Handoff } from '../../handoff/handoffStore';
import { BankHolidays } from '../../hours/bankHolidays';
import { workingDaysUntil } from '../../hours/workingDays';
import { londonDate } from '../../language/dates';

export interface HandoffView {
  id: number;
  status: Handoff['status'];
  channel: string;
  adviser: string | null;
  queuedAt: string;
  waitingMinutes: number;
  position?: number;
  summary: Handoff['summary'] & { keyDates: { event: string; date: string; workingDaysAway: number }[] };
}

export function viewOf(handoff: Handoff, position: number | undefined, holidays: BankHolidays, now: Date): HandoffView {
  const today = londonDate(now);
  return {
    id: handoff.id,
    status: handoff.status,
    channel: handoff.channelId,
    adviser: handoff.adviser,
    queuedAt: new Date(handoff.queuedAt).toISOString(),
    waitingMinutes: Math.floor(((handoff.acceptedAt ?? now.getTime()) - handoff.queuedAt) / 60000),
    position: handoff.status === 'waiting' ? position : undefined,
    summary: {
      ...handoff.summary,
      keyDates: handoff.summary.keyDates.map((d) => ({ ...d, workingDaysAway: workingDaysUntil(today, d.date, holidays) })),
    },
  };
}
