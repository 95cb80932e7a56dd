/**
 * Who is at the console and whether they can take a chat: each adviser chooses Available, Busy or
 * Away, and a console not heard from for a while (closed, asleep, network gone) counts as Away
 * whatever was chosen. Kept in memory: after a restart every adviser is Away until their console
 * speaks again, which is the honest answer. With several instances, each keeps a copy and tells the
 * others every change (src/events/presenceRelay.ts), so all of them give the same queue places and waits.
 */
export const AVAILABILITY = ['available', 'busy', 'away'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** An open console is heard from at least every 25 seconds; this much silence means nobody is there. */
export const QUIET_MS = 2 * 60 * 1000;

export interface PresenceEntry {
  seenAt: number;
  chosen: Availability;
}

export class AdviserPresence {
  private readonly advisers = new Map<string, PresenceEntry>();
  /** Told each change made here (not those applied from another instance); undefined means signed out. */
  onChange?: (adviser: string, entry: PresenceEntry | undefined) => void;

  constructor(private readonly now: () => Date) {}

  /** The adviser's console spoke; someone who has not chosen yet is Available. */
  seen(adviser: string): void {
    this.set(adviser, { seenAt: this.now().getTime(), chosen: this.advisers.get(adviser)?.chosen ?? 'available' });
  }

  choose(adviser: string, status: Availability): void {
    this.set(adviser, { seenAt: this.now().getTime(), chosen: status });
  }

  gone(adviser: string): void {
    this.advisers.delete(adviser);
    this.onChange?.(adviser, undefined);
  }

  /** A change another instance made; the newer of two sightings wins. */
  apply(adviser: string, entry: PresenceEntry | undefined): void {
    if (!entry) this.advisers.delete(adviser);
    else if ((this.advisers.get(adviser)?.seenAt ?? -Infinity) <= entry.seenAt) this.advisers.set(adviser, entry);
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

  private set(adviser: string, entry: PresenceEntry): void {
    this.advisers.set(adviser, entry);
    this.onChange?.(adviser, entry);
  }
}
