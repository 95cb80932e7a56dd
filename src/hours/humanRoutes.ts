/**
 * The ways to reach a person, said once and in order: what is open now (and until when), then
 * what opens next and when ("today at 9.30am", "tomorrow, Wednesday, at 1pm"). A route that is
 * closed is never offered as open. The words are in knowledge/responses.yaml (route_*); this only
 * decides which are true now and their order. The dialogs and the handoff service both use it.
 */
import { Responses, Wording } from '../content/responses';
import { describeOpening, describeTimeToday } from './describeHours';
import { Service, ServiceHours } from './serviceHours';

export interface RouteOptions {
  /** Include webchat with an adviser (left out where the user is already being offered it). */
  webchat: boolean;
}

const SERVICE_KEYS: Record<Service, string> = { webchat: 'webchat', adviceLine: 'line' };

export function humanRoutes(responses: Responses, hours: ServiceHours, now: Date, wording: Wording, options: RouteOptions): string[] {
  const services: Service[] = options.webchat ? ['webchat', 'adviceLine'] : ['adviceLine'];
  const say = (key: string, values: Record<string, string> = {}) => responses.messages(key, { ...wording, values: { ...wording.values, ...values } });
  const openNow: string[] = [];
  const later: { at: number; words: string[] }[] = [];
  for (const service of services) {
    const closing = hours.closingTime(service, now);
    if (closing) {
      openNow.push(...say(`route_${SERVICE_KEYS[service]}_open`, { until: describeTimeToday(closing) }));
      continue;
    }
    const opening = hours.nextOpening(service, now);
    if (opening) later.push({ at: opening.getTime(), words: say(`route_${SERVICE_KEYS[service]}_opens`, { when: describeOpening(opening, now) }) });
  }
  return [
    ...(openNow.length ? openNow : say('route_none_open')),
    ...say('route_email'),
    ...later.sort((a, b) => a.at - b.at).flatMap((l) => l.words),
  ];
}
