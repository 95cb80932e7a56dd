/** Everything the dialogs need, handed to them by src/index.ts (or by a test). */
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Presenter } from '../src/channels/presenter';
import { Wording } from '../src/content/responses';
import { CommandRecogniser } from '../src/language/commands';
import { KnowledgeServices } from '../src/knowledgeServices';
import { FeedbackStore } from '../src/storage/feedbackStore';
import { TopicStore } from '../src/storage/topicStore';
import { DataEraser } from '../src/storage/dataEraser';
import { HandoffService } from '../src/handoff/handoffService';
import { ConversationData } from './conversationData';

export interface DialogServices extends KnowledgeServices {
  presenter: Presenter;
  commands: CommandRecogniser;
  conversationData: StatePropertyAccessor<ConversationData>;
  feedback: FeedbackStore;
  /** Which articles were given as answers, for the lead's report (ids only). */
  topics: TopicStore;
  eraser: DataEraser;
  handoffs: HandoffService;
  /** The time now; tests pass a fixed clock. */
  now: () => Date;
}

/** The conversation's data and the wording it asked for, loaded once per turn. */
export async function conversationOf(services: DialogServices, context: TurnContext): Promise<{ data: ConversationData; wording: Wording }> {
  const data = await services.conversationData.get(context, {});
  return { data, wording: { easyRead: data.easyRead, sms: context.activity.channelId === 'sms' } };
}
