/** Keeps every instance's copy of who is at the console the same: each change here is sent, each one from elsewhere applied. */
import { AdviserPresence, AVAILABILITY, Availability } from '../handoff/adviserPresence';
import { EventBus } from './eventBus';

const isAvailability = (value: string): value is Availability => (AVAILABILITY as readonly string[]).includes(value);

export function relayPresence(presence: AdviserPresence, bus: EventBus): () => void {
  presence.onChange = (adviser, entry) => bus.publish('presence', entry ? { adviser, ...entry } : { adviser, gone: true });
  const unsubscribe = bus.subscribe('presence', (event) => {
    if ('gone' in event) presence.apply(event.adviser, undefined);
    else if (isAvailability(event.chosen)) presence.apply(event.adviser, { seenAt: event.seenAt, chosen: event.chosen });
  });
  return () => {
    unsubscribe();
    presence.onChange = undefined;
  };
}
