/**
 * The welcome, said once per conversation. On a first message about danger it is held back
 * for this turn and said after the emergency answer, so 999 comes first.
 */
import { TurnContext } from 'botbuilder';
import { useSmsBudget } from '../src/channels/smsComposer';
import { Wording } from '../src/content/responses';
import { DialogServices } from './dialogServices';

const WELCOME_HELD = Symbol('welcomeHeld');

export async function sayWelcome(services: DialogServices, context: TurnContext, wording: Wording): Promise<void> {
  useSmsBudget(context, 'welcome');
  await services.presenter.say(context, 'welcome', wording);
}

/** The welcome waits until the answer this turn has been sent. */
export function holdWelcome(context: TurnContext): void {
  context.turnState.set(WELCOME_HELD, true);
}

/** Says the welcome if it was held back this turn; does nothing otherwise. */
export async function sayHeldWelcome(services: DialogServices, context: TurnContext, wording: Wording): Promise<void> {
  if (!context.turnState.get(WELCOME_HELD)) return;
  context.turnState.delete(WELCOME_HELD);
  await sayWelcome(services, context, wording);
}
