/**
 * Keeps every instance's copy of who is at the console the same: each change here is sent, each one
 * from elsewhere applied. A console speaks on every call it makes, so a sighting that changes nothing
 * but the time is sent at most every few seconds: far within the two quiet minutes that make someone Away.
 */
import { AdviserPresence, AVAILABILITY, Availability, PresenceEntry } from '../handoff/adviserPresence';
import { EventBus } from './eventBus';

const RESEND_SIGHTING_MS = 10_000;

const isAvailability = (value: string): value is Availability => (AVAILABILITY as readonly string[]).includes(value);

export function relayPresence(presence: AdviserPresence, bus: EventBus): () => void {
  const sent = new Map<string, PresenceEntry>();
  presence.onChange = (adviser, entry) => {
    const last = sent.get(adviser);
    if (entry && last && last.chosen === entry.chosen && entry.seenAt - last.seenAt < RESEND_SIGHTING_MS) return;
    if (entry) sent.set(adviser, entry);
    else sent.delete(adviser);
    bus.publish('presence', entry ? { adviser, ...entry } : { adviser, gone: true });
  };
  const unsubscribe = bus.subscribe('presence', (event) => {
    if ('gone' in event) presence.apply(event.adviser, undefined);
    else if (isAvailability(event.chosen)) presence.apply(event.adviser, { seenAt: event.seenAt, chosen: event.chosen });
  });
  return () => {
    unsubscribe();
    presence.onChange = undefined;
  };
}
