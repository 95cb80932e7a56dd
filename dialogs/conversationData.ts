/** What the bot remembers about one conversation, kept in ConversationState. */
export interface ConversationData {
  /** The welcome has been shown. */
  welcomed?: boolean;
  /** The user asked for easy read: shorter, simpler messages from now on. */
  easyRead?: boolean;
  /** Turns in a row the bot could not understand (three strikes, then human routes). */
  strikes?: number;
  /** The last article answered, for "tell me more" and for an adviser's summary. */
  lastArticleId?: string;
  /** Every article shown, in order. */
  topics?: string[];
  /** The kinds of danger the safety detector has flagged in this conversation. */
  safetyFlags?: string[];
  /** The bot asked "Is anyone in danger right now?" about this message and waits for the answer. */
  safetyCheck?: { text: string };
  /** The last guided journey finished: its answers in words, the key date, and whether it is urgent. */
  journey?: {
    id: string;
    answers: Record<string, string>;
    keyDate?: { event: string; date: string; workingDays: number };
    urgent: boolean;
  };
  /** When the last message came, to start afresh after a long silence. */
  lastMessageAt?: string;
}

export const CONVERSATION_DATA = 'conversationData';
export const DIALOG_STATE = 'dialogState';
/** On SMS, what a turn could not fit in its segment budget, sent when the user replies "more". */
export const SMS_REST = 'smsRest';
