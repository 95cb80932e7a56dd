/**
 * A turn whose messages are held back on purpose (the person opted out with STOP on SMS or
 * WhatsApp): whoever asked for the send (an adviser answering a left message) is told it did not
 * go, instead of being told it was sent.
 */
import { TurnContext } from 'botbuilder';

const SUPPRESSED = Symbol('sendsSuppressed');

export function suppressSends(context: TurnContext): void {
  context.turnState.set(SUPPRESSED, true);
  context.onSendActivities(async () => []);
}

export function sendsWereSuppressed(context: TurnContext): boolean {
  return context.turnState.get(SUPPRESSED) === true;
}
