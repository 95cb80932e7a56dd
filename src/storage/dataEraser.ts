/**
 * "Delete my data": removes everything stored about one conversation and its user: bot state,
 * and every store given (feedback, the handoff queue, transcripts, messages).
 */
import { BotState, TurnContext } from 'botbuilder';

export interface ConversationIds {
  conversationId: string;
  userId: string;
}

/** A store that keeps data about conversations, and can forget one. */
export interface ConversationDataStore {
  deleteConversation(ids: ConversationIds): void;
}

export class DataEraser {
  constructor(
    private readonly states: readonly BotState[],
    private readonly stores: readonly ConversationDataStore[],
  ) {}

  async erase(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? '';
    const userId = context.activity.from?.id ?? '';
    for (const state of this.states) await state.delete(context);
    for (const store of this.stores) store.deleteConversation({ conversationId, userId });
  }
}
