/** Builds the dialogs' services for tests: the real knowledge base, search and safety detector, with MemoryStorage for bot state and an in-memory SQLite database. */
import { ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { loadConfig } from '../../src/config/config';
import { Presenter } from '../../src/channels/presenter';
import { CommandRecogniser } from '../../src/language/commands';
import { createKnowledgeServices, KnowledgeServices } from '../../src/knowledgeServices';
import { CONVERSATION_DATA, ConversationData } from '../../dialogs/conversationData';
import { openDatabase } from '../../src/storage/database';
import { SqliteClient } from '../../src/storage/sql/sqliteClient';
import { FeedbackStore } from '../../src/storage/feedbackStore';
import { TopicStore } from '../../src/storage/topicStore';
import { DataEraser } from '../../src/storage/dataEraser';
import { TestAdapter } from 'botbuilder';
import { HandoffService } from '../../src/handoff/handoffService';
import { HandoffStore } from '../../src/handoff/handoffStore';
import { TranscriptStore } from '../../src/handoff/transcriptStore';
import { createLogger } from '../../src/logging/logger';
import { DialogServices } from '../../dialogs/dialogServices';

let shared: KnowledgeServices | undefined;

/** Loading the knowledge base and building the index once per test file keeps the suite fast. */
export function knowledgeServices(): KnowledgeServices {
  shared ??= createKnowledgeServices(loadConfig({}));
  return shared;
}

export interface TestServices {
  services: DialogServices;
  /** Moves the test clock. */
  setNow: (at: Date) => void;
  /** Where proactive messages (from the handoff service) go in unit tests. */
  proactive: TestAdapter;
  conversationState: ConversationState;
}

/** A Monday at 2pm in November: webchat and the advice line are both open. */
export const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
/** A Saturday evening: everything is closed. */
export const SATURDAY_EVENING = new Date('2026-11-28T19:00:00Z');

export function testServices(start: Date = MONDAY_AFTERNOON): TestServices {
  let now = start;
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const knowledge = knowledgeServices();
  const sql = new SqliteClient(openDatabase(':memory:'));
  const feedback = new FeedbackStore(sql);
  const presenter = new Presenter(knowledge.responses, knowledge.pictograms);
  const proactive = new TestAdapter();
  const sender = { continueConversationAsync: (_appId: string, reference: object, logic: Parameters<TestAdapter['continueConversation']>[1]) => proactive.continueConversation(reference, logic) };
  const handoffStore = new HandoffStore(sql);
  const transcripts = new TranscriptStore(sql);
  const handoffs = new HandoffService(handoffStore, transcripts, sender, presenter, knowledge.hours, knowledge.config, createLogger('silent'), () => now);
  const eraser = new DataEraser([conversationState, userState], [feedback, transcripts, handoffStore]);
  const services: DialogServices = {
    ...knowledge,
    presenter,
    commands: CommandRecogniser.load(),
    conversationData: conversationState.createProperty<ConversationData>(CONVERSATION_DATA),
    feedback,
    topics: new TopicStore(sql),
    eraser,
    handoffs,
    now: () => now,
  };
  return {
    services,
    setNow: (at) => {
      now = at;
    },
    proactive,
    conversationState,
  };
}
