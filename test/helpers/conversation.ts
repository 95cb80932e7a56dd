/**
 * Drives the real main dialog through botbuilder-testing's DialogTestClient, one user message at a
 * time, and returns what the bot said, so tests read like transcripts. (The thin ActivityHandler
 * around it is exercised by the HTTP tests.)
 */
import { Activity, ActivityTypes } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { SafetyMiddleware } from '../../src/bot/safetyMiddleware';
import { MONDAY_AFTERNOON, testServices, TestServices } from './testServices';

export interface Reply {
  text: string;
  buttons: string[];
}

export interface TestConversation {
  /** The user says something; resolves to every reply of that turn. */
  say(text: string): Promise<Reply[]>;
  /**
   * The user says something, and if the sentence model is unsure enough to ask "Is anyone in danger
   * right now?", answers No: for tests of what comes after the safety check (test/safetyCheck.http.test.ts
   * and the safety evaluation test the question itself, and how often it is asked).
   */
  sayPastSafetyQuestion(text: string): Promise<Reply[]>;
  /** The user opens the chat (a conversationUpdate with the user added). */
  open(): Promise<Reply[]>;
  test: TestServices;
}

export function toReply(activity: Partial<Activity>): Reply {
  return { text: activity.text ?? '', buttons: (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? '') };
}

export function startConversation(options: { channel?: string; now?: Date } = {}): TestConversation {
  const test = testServices(options.now ?? MONDAY_AFTERNOON);
  const client = new DialogTestClient(options.channel ?? 'webchat', new MainDialog(test.services), undefined, [new SafetyMiddleware(test.services.safetyAssessor)], test.conversationState);
  const turn = async (activity: Partial<Activity>): Promise<Reply[]> => {
    const replies: Partial<Activity>[] = [];
    for (let reply = await client.sendActivity(activity); reply; reply = client.getNextReply()) replies.push(reply);
    return replies.filter((a) => a.type === ActivityTypes.Message).map(toReply);
  };
  const say = (text: string) => turn({ type: ActivityTypes.Message, text, timestamp: test.services.now() });
  const safetyQuestion = test.services.responses.text('safety_check');
  return {
    test,
    say,
    sayPastSafetyQuestion: async (text) => {
      const replies = await say(text);
      return replies.at(-1)?.text === safetyQuestion ? say('No') : replies;
    },
    open: () => turn({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'User' }], timestamp: test.services.now() }),
  };
}

/** All the text of a turn's replies, as one string, for "contains" checks. */
export const allText = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
