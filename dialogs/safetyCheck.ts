/**
 * The "check" tier in conversation: when the safety check is unsure, the bot asks one direct
 * question, "Is anyone in danger right now?", with Yes and No (buttons, or numbers on SMS). Yes
 * leads to the danger reply. No lets the ORIGINAL message go on as if it had just been sent, so
 * nothing is lost. The question is kept in conversation state rather than as a dialog on the
 * stack, so whatever was waiting underneath (a journey's question, the waiting room, the first
 * turn) gets the original message exactly as it would have. InterruptibleDialog uses this.
 */
import { TurnContext } from 'botbuilder';
import { MenuChoice, recogniseBareChoice } from '../src/channels/choices';
import { ConversationData } from './conversationData';
import { conversationOf, DialogServices } from './dialogServices';

export type SafetyCheckAnswer = 'yes' | 'no';

export class SafetyCheck {
  constructor(private readonly services: DialogServices) {}

  /** Asks the question and remembers the message it is about. */
  async ask(context: TurnContext, text: string): Promise<void> {
    const { data, wording } = await conversationOf(this.services, context);
    data.safetyCheck = { text };
    const question = this.services.responses.text('safety_check', wording);
    await context.sendActivities(this.services.presenter.choiceActivities(context, question, this.choices(), wording));
  }

  /**
   * When the question is waiting: the answer, with the message it was about. Anything else the
   * user says instead drops the question, and that message is read on its own.
   */
  take(data: ConversationData, text: string): { answer: SafetyCheckAnswer; original: string } | undefined {
    const pending = data.safetyCheck;
    if (!pending) return undefined;
    delete data.safetyCheck;
    const chosen = recogniseBareChoice(text, this.choices());
    return chosen ? { answer: chosen.value as SafetyCheckAnswer, original: pending.text } : undefined;
  }

  private choices(): MenuChoice[] {
    const { responses } = this.services;
    return [
      { value: 'yes', title: responses.text('choice_danger_yes'), synonyms: ['yes', 'yeah', 'yep', 'yes someone is', 'y'] },
      { value: 'no', title: responses.text('choice_danger_no'), synonyms: ['no', 'nope', 'nah', 'no one', 'nobody', 'n', 'no we are safe', 'we are safe'] },
    ];
  }
}
