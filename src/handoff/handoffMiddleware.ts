/**
 * Runs before the bot on every turn, after the safety check. While an adviser holds the
 * conversation, the user's messages go to the adviser and the bot says nothing, except that
 * danger still gets the danger reply at once (safety outranks silence), and the family can end
 * the chat themselves ("end chat"). It also takes the standard
 * handoff.status events from an external contact centre. It sits before the transcript middleware
 * and writes relayed messages to the transcript itself, since the bot's turn never runs for them.
 */
import { ActivityTypes, HandoffEventNames, Middleware, TurnContext } from 'botbuilder';
import { assessmentOf } from '../bot/safetyMiddleware';
import { Presenter } from '../channels/presenter';
import { crisisHelpTexts } from '../content/crisisHelp';
import { KnowledgeBase } from '../content/knowledgeBase';
import { CommandRecogniser } from '../language/commands';
import { HandoffService } from './handoffService';

export class HandoffMiddleware implements Middleware {
  constructor(
    private readonly handoffs: HandoffService,
    private readonly presenter: Presenter,
    private readonly knowledge: KnowledgeBase,
    private readonly commands: CommandRecogniser,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id ?? '';
    if (activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.HandoffStatus) {
      const state = (activity.value as { state?: string } | undefined)?.state ?? '';
      await this.handoffs.onStatusEvent(conversationId, state);
      return;
    }
    // Typing only matters to an adviser; the bot never answers it, so it is not a turn for the bot.
    if (activity.type === ActivityTypes.Typing) {
      const handoff = await this.handoffs.openFor(conversationId);
      if (handoff) this.handoffs.familyTyping(handoff);
      return;
    }
    if (activity.type === ActivityTypes.Message) {
      const handoff = await this.handoffs.openFor(conversationId);
      if (handoff?.status === 'with_adviser') {
        const assessment = assessmentOf(context);
        if (assessment.tier !== 'danger' && this.commands.recognise(activity.text ?? '') === 'end_chat') {
          await this.handoffs.endByFamily(context, handoff, activity.text ?? '', assessment);
          return;
        }
        const reply = assessment.tier === 'danger' ? crisisHelpTexts(this.knowledge) : [];
        if (reply.length) await this.presenter.send(context, reply);
        await this.handoffs.relayFromUser(handoff, activity.text ?? '', assessment, reply);
        return;
      }
    }
    await next();
  }
}
