/**
 * Runs before the bot on every turn. While an adviser holds the conversation, the user's messages
 * go to the adviser and the bot says nothing. It also takes the standard handoff.status events
 * from an external contact centre. It sits before the transcript logger, and writes relayed
 * messages to the transcript itself, since the bot's turn never runs for them.
 */
import { ActivityTypes, HandoffEventNames, Middleware, TurnContext } from 'botbuilder';
import { HandoffService } from './handoffService';

export class HandoffMiddleware implements Middleware {
  constructor(private readonly handoffs: HandoffService) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id ?? '';
    if (activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.HandoffStatus) {
      const state = (activity.value as { state?: string } | undefined)?.state ?? '';
      await this.handoffs.onStatusEvent(conversationId, state);
      return;
    }
    if (activity.type === ActivityTypes.Message) {
      const handoff = this.handoffs.openFor(conversationId);
      if (handoff?.status === 'with_adviser') {
        this.handoffs.relayFromUser(handoff, activity.text ?? '', activity.timestamp ? new Date(activity.timestamp) : new Date());
        return;
      }
    }
    await next();
  }
}
