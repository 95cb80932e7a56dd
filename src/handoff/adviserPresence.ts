/**
 * Who is at the console and whether they can take a chat: each adviser chooses Available, Busy or
 * Away, and a console not heard from for a while (closed, asleep, network gone) counts as Away
 * whatever was chosen. Kept in memory: after a restart every adviser is Away until their console
 * speaks again, which is the honest answer.
 */
export const AVAILABILITY = ['available', 'busy', 'away'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** An open console is heard from at least every 25 seconds; this much silence means nobody is there. */
export const QUIET_MS = 2 * 60 * 1000;

export class AdviserPresence {
  private readonly advisers = new Map<string, { seenAt: number; chosen: Availability }>();

  constructor(private readonly now: () => Date) {}

  /** The adviser's console spoke; someone who has not chosen yet is Available. */
  seen(adviser: string): void {
    this.advisers.set(adviser, { seenAt: this.now().getTime(), chosen: this.advisers.get(adviser)?.chosen ?? 'available' });
  }

  choose(adviser: string, status: Availability): void {
    this.advisers.set(adviser, { seenAt: this.now().getTime(), chosen: status });
  }

  gone(adviser: string): void {
    this.advisers.delete(adviser);
  }

  statusOf(adviser: string): Availability {
    const entry = this.advisers.get(adviser);
    if (!entry || entry.seenAt < this.now().getTime() - QUIET_MS) return 'away';
    return entry.chosen;
  }

  /** Everyone signed in since the last restart, by name. */
  all(): { adviser: string; status: Availability }[] {
    return [...this.advisers.keys()].sort().map((adviser) => ({ adviser, status: this.statusOf(adviser) }));
  }
}
