/**
 * The ways to reach a person, always in the same words and the same order, whether the user
 * asked, the bot failed three times, or a safety flag was raised (src/hours/humanRoutes.ts).
 */
import { Wording } from '../src/content/responses';
import { humanRoutes, RouteOptions } from '../src/hours/humanRoutes';
import { DialogServices } from './dialogServices';

export function humanRouteMessages(services: DialogServices, wording: Wording, options: RouteOptions = { webchat: false }): string[] {
  return humanRoutes(services.responses, services.hours, services.now(), wording, options);
}
