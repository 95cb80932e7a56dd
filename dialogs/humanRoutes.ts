/**
 * The ways to reach a person, always in the same words and the same order, whether the user
 * asked, the bot failed three times, or a safety flag was raised.
 */
import { Wording } from '../src/content/responses';
import { DialogServices } from './dialogServices';

export function humanRouteMessages(services: DialogServices, wording: Wording): string[] {
  const lineOpen = services.hours.isOpen('adviceLine', services.now());
  return [
    ...services.responses.messages('human_routes_intro', wording),
    ...services.responses.messages(lineOpen ? 'human_routes_line_open' : 'human_routes_line_closed', wording),
    ...services.responses.messages('human_routes_email', wording),
  ];
}
