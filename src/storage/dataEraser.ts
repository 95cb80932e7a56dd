/**
 * "Delete my data": removes everything stored about one conversation and its user: bot state,
 * feedback, and whatever other stores register (the handoff queue, transcripts, messages).
 */
import { BotState, TurnContext } from 'botbuilder';

export type ConversationPurger = (ids: { conversationId: string; userId: string }) => void;

export class DataEraser {
  private readonly purgers: ConversationPurger[] = [];

  constructor(private readonly states: readonly BotState[]) {}

  /** Another store that keeps data about conversations. */
  register(purger: ConversationPurger): void {
    this.purgers.push(purger);
  }

  async erase(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? '';
    const userId = context.activity.from?.id ?? '';
    for (const state of this.states) await state.delete(context);
    for (const purge of this.purgers) purge({ conversationId, userId });
  }
}
