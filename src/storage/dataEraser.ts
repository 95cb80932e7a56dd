/**
 * "Delete my data": removes everything stored about one conversation and its user: bot state,
 * and every store given (feedback, the handoff queue, transcripts, messages, the webchat's own
 * copy). The rest of that turn is not recorded either, and the database's deleted pages are wiped.
 */
import { BotState, TurnContext } from 'botbuilder';

export interface ConversationIds {
  conversationId: string;
  userId: string;
}

/** A store that keeps data about conversations, and can forget one. */
export interface ConversationDataStore {
  deleteConversation(ids: ConversationIds): Promise<void>;
}

const ERASED = Symbol('dataErased');

/** Whether this turn deleted the conversation's data: nothing more of it may be written. */
export function wasErased(context: TurnContext): boolean {
  return context.turnState.get(ERASED) === true;
}

export class DataEraser {
  constructor(
    private readonly states: readonly BotState[],
    private readonly stores: readonly ConversationDataStore[],
    /** Runs after deletion: wipes what the database still holds of deleted rows. */
    private readonly afterErase: () => Promise<void> = async () => undefined,
  ) {}

  async erase(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? '';
    const userId = context.activity.from?.id ?? '';
    context.turnState.set(ERASED, true);
    for (const state of this.states) await state.delete(context);
    for (const store of this.stores) await store.deleteConversation({ conversationId, userId });
    await this.afterErase();
  }
}
