/**
 * Carrier opt-out words on SMS and WhatsApp. When the whole message is STOP, UNSUBSCRIBE, CANCEL,
 * END or QUIT (knowledge/commands.yaml, `opt_out`), the conversation is opted out: the user is told
 * once, any place in the queue is given up, whatever was half done is forgotten, and nothing more
 * is sent (proactive messages from the queue or an adviser included) until the user writes again.
 * The opt-out is recorded in conversation state, which is enough here: it lasts as long as the
 * conversation does, and "delete my data" or retention removes it with the rest.
 * It runs right after the safety check, before the handoff relay, so STOP works even while an
 * adviser holds the chat.
 * On other channels these words are left to the dialogs, which treat them as "menu".
 */
import { ActivityTypes, BotState, Middleware, TurnContext } from 'botbuilder';
import { assessmentOf } from './safetyMiddleware';
import { suppressSends } from '../channels/suppressedSends';
import { channelProfile } from '../channels/channelProfile';
import { Presenter } from '../channels/presenter';
import { HandoffService } from '../handoff/handoffService';
import { CommandRecogniser } from '../language/commands';
import { Logger } from '../logging/logger';

/** The conversation-state property that records an opt-out. */
export const OPT_OUT = 'optOut';

export interface OptOutRecord {
  /** When the user opted out (ISO 8601). */
  at: string;
}

export interface OptOutParts {
  commands: CommandRecogniser;
  conversationState: BotState;
  presenter: Presenter;
  handoffs: HandoffService;
  logger: Logger;
  now: () => Date;
}

export class OptOutMiddleware implements Middleware {
  private readonly record;

  constructor(private readonly parts: OptOutParts) {
    this.record = parts.conversationState.createProperty<OptOutRecord | undefined>(OPT_OUT);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!channelProfile(context.activity.channelId).carrierOptOut) return next();
    const optedOut = await this.record.get(context);
    if (context.activity.type !== ActivityTypes.Message) {
      // A proactive turn (an adviser's words, a queue update): an opted-out user gets none of it.
      if (optedOut) suppressSends(context);
      return next();
    }
    if (this.parts.commands.recognise(context.activity.text ?? '') === 'opt_out') return this.optOut(context, optedOut);
    if (optedOut) {
      await this.record.delete(context);
      await this.parts.conversationState.saveChanges(context);
      this.parts.logger.info({ channel: context.activity.channelId }, 'opted back in by writing again');
    }
    return next();
  }

  /** Confirms once: a second STOP while opted out gets no answer. */
  private async optOut(context: TurnContext, already: OptOutRecord | undefined): Promise<void> {
    if (already) return;
    const conversationId = context.activity.conversation?.id ?? '';
    const handoff = await this.parts.handoffs.openFor(conversationId);
    // The adviser sees the word in the chat, so they know why nothing they send arrives.
    if (handoff?.status === 'with_adviser') await this.parts.handoffs.relayFromUser(handoff, context.activity.text ?? '', assessmentOf(context));
    await this.parts.handoffs.leave(conversationId);
    await this.parts.presenter.say(context, 'opted_out');
    // Writing again starts a fresh conversation; only the opt-out itself is kept.
    await this.parts.conversationState.clear(context);
    await this.record.set(context, { at: this.parts.now().toISOString() });
    await this.parts.conversationState.saveChanges(context);
    this.parts.logger.info({ channel: context.activity.channelId, handoffId: handoff?.id }, 'opted out');
  }
}
