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
import { openDatabase, Db } from './storage/database';
import { SqliteStorage } from './storage/sqliteStorage';
import { OptimisticConversationState, OptimisticUserState } from './storage/optimisticState';
import { FeedbackStore } from './storage/feedbackStore';
import { TranscriptLoggerMiddleware } from 'botbuilder';
import { TranscriptStore } from './handoff/transcriptStore';
import { HandoffStore } from './handoff/handoffStore';
import { HandoffService } from './handoff/handoffService';
import { HandoffMiddleware } from './handoff/handoffMiddleware';
import { startHousekeeping } from './handoff/housekeeping';
import { DataEraser } from './storage/dataEraser';
import { createKnowledgeServices } from './knowledgeServices';
import { Presenter } from './channels/presenter';
import { CommandRecogniser } from './language/commands';
import { AdviceBot } from './bot/adviceBot';
import { createAdapter } from './bot/adapter';
import { createHttpServer } from './server/httpServer';
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
  /** The clock the dialogs use; tests fix it. */
  now?: () => Date;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATA_DIR);
  const storage = new SqliteStorage(db);
  const conversationState = new OptimisticConversationState(storage);
  const userState = new OptimisticUserState(storage);
  const knowledge = createKnowledgeServices(config);
  // The sentence encoder and the meaning index load now, so the first message does not wait for them.
  await Promise.all([knowledge.encoder.warm(), knowledge.search.warm()]);
  const presenter = new Presenter(knowledge.responses);
  const dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE);
  const feedback = new FeedbackStore(db);
  const transcripts = new TranscriptStore(db);
  const handoffStore = new HandoffStore(db);
  const eraser = new DataEraser([conversationState, userState], [feedback, transcripts, handoffStore]);
  const now = options.now ?? (() => new Date());
  // The adapter needs the apology, the apology needs the presenter; handoffs need the adapter.
  const adapter = createAdapter(config, {
    logger,
    apologise: (context) => presenter.say(context, 'turn_error'),
    dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });
  const handoffs = new HandoffService(handoffStore, transcripts, adapter, presenter, knowledge.hours, config, logger, now);
  adapter.use(new HandoffMiddleware(handoffs));
  adapter.use(new TranscriptLoggerMiddleware(transcripts));
  const services: DialogServices = {
    ...knowledge,
    presenter,
    commands: CommandRecogniser.load(),
    conversationData: conversationState.createProperty<ConversationData>(CONVERSATION_DATA),
    feedback,
    eraser,
    handoffs,
    now,
  };
  const bot = new AdviceBot([conversationState, userState], new MainDialog(services), dialogState);
  const housekeeping = startHousekeeping({ handoffs, transcripts, handoffStore, feedback, config, logger, now });
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
      safety: knowledge.safety,
      logger,
      now,
      secure: () => publicUrl().startsWith('https://'),
    }),
  ];
  const server = createHttpServer({ adapter, bot, logger, routes });
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
      transcripts.flush();
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
