/** Which words tell someone their place in the queue: with the wait, or saying plainly that no adviser is signed in. */
import type { QueuePlace } from './handoffService';

export function queueWordsFor(key: string, place: QueuePlace): string {
  return place.waitMinutes === undefined ? `${key}_no_estimate` : key;
}

export function queueValues(place: QueuePlace): Record<string, string> {
  return { position: String(place.position), minutes: String(place.waitMinutes ?? '') };
}
