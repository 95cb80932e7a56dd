/**
 * Drives the real bot and dialogs through botbuilder's TestAdapter, one user message at a time,
 * and returns what the bot said, so tests read like transcripts.
 */
import { Activity, ActivityTypes, StatePropertyAccessor, TestAdapter } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { AdviceBot } from '../../src/bot/adviceBot';
import { MainDialog } from '../../dialogs/mainDialog';
import { MONDAY_AFTERNOON, testServices, TestServices } from './testServices';

export interface Reply {
  text: string;
  buttons: string[];
}

export interface TestConversation {
  /** The user says something; resolves to every reply of that turn. */
  say(text: string): Promise<Reply[]>;
  /** The user opens the chat (a conversationUpdate with the user added). */
  open(): Promise<Reply[]>;
  test: TestServices;
}

export function toReply(activity: Partial<Activity>): Reply {
  return { text: activity.text ?? '', buttons: (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? '') };
}

export function startConversation(options: { channel?: string; now?: Date } = {}): TestConversation {
  const test = testServices(options.now ?? MONDAY_AFTERNOON);
  const bot = new AdviceBot([test.conversationState, test.userState], new MainDialog(test.services), test.dialogState as StatePropertyAccessor<DialogState>);
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: options.channel ?? 'webchat' });
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const drain = () => adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message).map(toReply);
  return {
    test,
    async say(text) {
      await adapter.send({ type: ActivityTypes.Message, text, timestamp: test.services.now() });
      return drain();
    },
    async open() {
      const { user, bot: botAccount } = adapter.conversation;
      if (!user || !botAccount) throw new Error('TestAdapter has no conversation reference');
      await adapter.processActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [user], recipient: botAccount, from: user });
      return drain();
    },
  };
}

/** All the text of a turn's replies, as one string, for "contains" checks. */
export const allText = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
