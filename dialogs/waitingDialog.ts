/**
 * With the user while their conversation is with the advisers' queue: says their place when asked,
 * lets them leave the queue or leave a message instead, and, once the chat has ended, takes the
 * family's rating of it (or their choice to skip it; anything else they type is a new question).
 * While an adviser holds the chat the bot is silent: HandoffMiddleware relays the user's messages
 * and this dialog never sees them.
 */
import { ActivityTypes, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { MenuChoice, recogniseBareChoice, recogniseChoice } from '../src/channels/choices';
import { queueValues, queueWordsFor } from '../src/handoff/queueWords';
import { ChatRating, ratingChoices } from '../src/handoff/handoffService';
import { DialogOutcome } from './answerDialog';
import { conversationOf, DialogServices } from './dialogServices';
import { LEAVE_MESSAGE_DIALOG } from './leaveMessageDialog';

export const WAITING_DIALOG = 'waitingDialog';

/** Other ways of giving each rating; "it helped" answers the old question, which families may still expect. */
const RATING_WORDS: Record<string, string[]> = {
  good: ['it was good', 'great', 'it helped', 'helped'],
  ok: ['okay', 'ok', 'alright', 'fine'],
  poor: ['bad', 'not good', 'it did not help', 'not helpful'],
  skip: ['no thanks', 'skip it'],
};

interface WaitingState {
  handoffId: number;
}

export interface WaitingOptions extends WaitingState {
  /** Say the user's place straight away (they asked for a person again while waiting). */
  tellPlace?: boolean;
}

export class WaitingDialog extends Dialog<WaitingOptions> {
  constructor(private readonly services: DialogServices) {
    super(WAITING_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: WaitingOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { handoffId: options!.handoffId } satisfies WaitingState;
    if (options?.tellPlace) await this.tellPlace(dc.context, options.handoffId);
    await this.offerChoices(dc.context);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const { handoffId } = dc.activeDialog!.state as WaitingState;
    const handoff = await this.services.handoffs.get(handoffId);
    const text = (dc.context.activity.text ?? '').trim();
    const { wording } = await conversationOf(this.services, dc.context);
    const { responses } = this.services;
    switch (handoff?.status) {
      case 'waiting': {
        // Families chat while they wait: only a bare choice is a choice ("I have 2 kids" is not option 2).
        const chosen = recogniseBareChoice(text, this.waitingChoices())?.value ?? this.commandChoice(text);
        if (chosen === 'leave') {
          await this.services.handoffs.leave(handoff.conversationId);
          await this.services.presenter.say(dc.context, 'handoff_left', wording);
          return dc.endDialog({} satisfies DialogOutcome);
        }
        if (chosen === 'message') {
          await this.services.handoffs.leave(handoff.conversationId);
          return dc.replaceDialog(LEAVE_MESSAGE_DIALOG);
        }
        await this.tellPlace(dc.context, handoffId, 'handoff_still_waiting');
        return Dialog.EndOfTurn;
      }
      case 'with_adviser':
        return Dialog.EndOfTurn;
      case 'ended': {
        const rating = recogniseChoice(text, ratingChoices(responses).map((c) => ({ ...c, synonyms: RATING_WORDS[c.value] })))?.value;
        if (!rating) return dc.endDialog({ text } satisfies DialogOutcome);
        if (rating !== 'skip') {
          await this.services.handoffs.rate(handoff.id, rating as ChatRating);
          await this.services.presenter.say(dc.context, 'thanks_feedback', wording);
        }
        return dc.endDialog({} satisfies DialogOutcome);
      }
      case 'timed_out':
        if (this.commandChoice(text) === 'message' || recogniseBareChoice(text, this.waitingChoices())?.value === 'message') return dc.replaceDialog(LEAVE_MESSAGE_DIALOG);
        return dc.endDialog({ text } satisfies DialogOutcome);
      default:
        return dc.endDialog({ text } satisfies DialogOutcome);
    }
  }

  /** Back from something started on top (help, easy read): offer the choices again. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.offerChoices(dc.context);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { handoffId } = instance.state as WaitingState;
    if ((await this.services.handoffs.get(handoffId))?.status === 'waiting') await this.offerChoices(context);
  }

  private async tellPlace(context: TurnContext, handoffId: number, key = 'handoff_position'): Promise<void> {
    const { wording } = await conversationOf(this.services, context);
    const place = await this.services.handoffs.placeOf(handoffId);
    await this.services.presenter.say(context, queueWordsFor(key, place), { ...wording, values: queueValues(place) });
  }

  private async offerChoices(context: TurnContext): Promise<void> {
    const { wording } = await conversationOf(this.services, context);
    await context.sendActivities(this.services.presenter.choiceActivities(context, this.services.responses.text('handoff_waiting_choices', wording), this.waitingChoices(), wording));
  }

  private waitingChoices(): MenuChoice[] {
    const { responses } = this.services;
    return [
      { value: 'message', title: responses.text('choice_leave_message'), synonyms: ['leave a message', 'message'] },
      { value: 'leave', title: responses.text('choice_leave_queue'), synonyms: ['leave the queue', 'leave queue', 'i will come back later'] },
    ];
  }

  private commandChoice(text: string): string | undefined {
    return this.services.commands.recognise(text) === 'leave_message' ? 'message' : undefined;
  }
}
