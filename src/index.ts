/**
 * The one place that wires the system together: configuration, logging, the embedded
 * database, state, knowledge services, dialogs, the bot, the adapter and the HTTP server.
 * `npm start` runs this file; tests call startServer() with their own configuration.
 */
import { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { Server } from 'restify';
import { Config, ConfigError, loadConfig } from './config/config';
import { createLogger, Logger } from './logging/logger';
import { openDatabase, Db, wipeDeletedPages } from './storage/database';
import { SqliteStorage } from './storage/sqliteStorage';
import { OptimisticConversationState, OptimisticUserState } from './storage/optimisticState';
import { FeedbackStore } from './storage/feedbackStore';
import { TranscriptStore } from './handoff/transcriptStore';
import { HandoffStore } from './handoff/handoffStore';
import { HandoffService } from './handoff/handoffService';
import { HandoffMiddleware } from './handoff/handoffMiddleware';
import { TranscriptMiddleware } from './handoff/transcriptMiddleware';
import { SerialTurnsMiddleware } from './bot/serialTurns';
import { SafetyMiddleware } from './bot/safetyMiddleware';
import { createSafetyAssessor } from './safety/createSafetyAssessor';
import { SafetyAssessor } from './language/safetyAssessment';
import { startHousekeeping } from './handoff/housekeeping';
import { DataEraser } from './storage/dataEraser';
import { createKnowledgeServices } from './knowledgeServices';
import { Presenter } from './channels/presenter';
import { CommandRecogniser } from './language/commands';
import { AdviceBot } from './bot/adviceBot';
import { createAdapter } from './bot/adapter';
import { createHttpServer } from './server/httpServer';
import { UnsignedTrafficPolicy } from './server/unsignedTraffic';
import { webRoutes } from './web/webRoutes';
import { consoleRoutes } from './web/advisers/consoleRoutes';
import { AdviserAccounts } from './web/advisers/adviserAccounts';
import { MainDialog } from '../dialogs/mainDialog';
import { CONVERSATION_DATA, ConversationData, DIALOG_STATE } from '../dialogs/conversationData';
import { DialogServices } from '../dialogs/dialogServices';
import { DialogState } from 'botbuilder-dialogs';

export interface RunningServer {
  /** Where this process answers (http://localhost:PORT). */
  url: string;
  server: Server;
  db: Db;
  logger: Logger;
  handoffs: HandoffService;
  close: () => Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The safety check; by default the rules and the packaged sentence model. Tests may script it. */
  safetyAssessor?: SafetyAssessor;
  /** The clock the dialogs use; tests fix it. */
  now?: () => Date;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATA_DIR);
  const storage = new SqliteStorage(db);
  const conversationState = new OptimisticConversationState(storage);
  const userState = new OptimisticUserState(storage);
  // The rules and the packaged sentence model, loaded once before the first message.
  const base = createKnowledgeServices(config);
  const knowledge = { ...base, safetyAssessor: options.safetyAssessor ?? (await createSafetyAssessor(config, base.safety)) };
  // The meaning index (and the shared encoder, if the safety check did not load it) before the first message.
  await Promise.all([knowledge.encoder.warm(), knowledge.search.warm()]);
  const presenter = new Presenter(knowledge.responses);
  const dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE);
  const feedback = new FeedbackStore(db);
  const transcripts = new TranscriptStore(db);
  const handoffStore = new HandoffStore(db);
  const now = options.now ?? (() => new Date());
  const eraser = new DataEraser([conversationState, userState], [feedback, transcripts, handoffStore], () => wipeDeletedPages(db));
  // The adapter needs the apology, the apology needs the presenter; handoffs need the adapter.
  const adapter = createAdapter(config, {
    logger,
    apologise: (context) => presenter.say(context, 'turn_error'),
    dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });
  const handoffs = new HandoffService(handoffStore, transcripts, adapter, presenter, knowledge.hours, config, logger, now);
  // Every turn, in order: one at a time per conversation; the safety check; the live-chat relay; the transcript.
  adapter.use(new SerialTurnsMiddleware());
  adapter.use(new SafetyMiddleware(knowledge.safetyAssessor));
  const commands = CommandRecogniser.load();
  adapter.use(new HandoffMiddleware(handoffs, presenter, knowledge.knowledge, commands));
  adapter.use(new TranscriptMiddleware(transcripts, now));
  const services: DialogServices = {
    ...knowledge,
    presenter,
    commands,
    conversationData: conversationState.createProperty<ConversationData>(CONVERSATION_DATA),
    feedback,
    eraser,
    handoffs,
    now,
  };
  const bot = new AdviceBot([conversationState, userState], new MainDialog(services), dialogState);
  const housekeeping = startHousekeeping({ handoffs, transcripts, handoffStore, feedback, state: storage, afterPurge: () => wipeDeletedPages(db), config, logger, now });
  // Known once listening: where this process answers, and where the public reaches it (the same unless PUBLIC_BASE_URL says).
  let localUrl = '';
  const publicUrl = () => config.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? localUrl;
  const routes = [
    ...webRoutes({ config, logger, baseUrl: publicUrl, localUrl: () => localUrl }),
    consoleRoutes({
      accounts: new AdviserAccounts(db, now),
      handoffs,
      handoffStore,
      feedback,
      knowledge: knowledge.knowledge,
      holidays: knowledge.holidays,
      logger,
      now,
      secure: () => publicUrl().startsWith('https://'),
    }),
  ];
  const unsigned = config.MicrosoftAppId ? undefined : new UnsignedTrafficPolicy(config.UNSIGNED_ALLOWED_ADDRESSES, config.UNSIGNED_ALLOWED_SERVICE_URLS);
  const server = createHttpServer({ adapter, bot, logger, unsigned, routes });
  await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
  const port = (server.address() as AddressInfo).port;
  localUrl = `http://localhost:${port}`;
  logger.info({ url: publicUrl(), dataDir: config.DATA_DIR }, 'listening');
  return {
    url: localUrl,
    server,
    db,
    logger,
    handoffs,
    close: async () => {
      housekeeping.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startServer(config);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
