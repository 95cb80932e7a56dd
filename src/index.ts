/**
 * The one place that wires the system together: configuration, logging, the embedded
 * database, state, knowledge services, dialogs, the bot, the adapter and the HTTP server.
 * `npm start` runs this file; tests call startServer() with their own configuration.
 */
import { AddressInfo } from 'node:net';
import { Server } from 'restify';
import { Config, ConfigError } from './config/config';
import { loadEnvironmentConfig } from './config/environment';
import { localAddress } from './config/localAddress';
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
import { OptOutMiddleware } from './bot/optOutMiddleware';
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
  /** Where people reach it: PUBLIC_BASE_URL, or the same as url. */
  publicUrl: string;
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
  const commands = CommandRecogniser.load();
  // First, so that STOP on SMS is honoured even while an adviser holds the chat.
  adapter.use(new OptOutMiddleware({ commands, conversationState, presenter, handoffs, logger, now }));
  adapter.use(new HandoffMiddleware(handoffs));
  adapter.use(new TranscriptLoggerMiddleware(transcripts));
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
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  localUrl = localAddress(config.HOST, port);
  logger.info({ url: publicUrl(), host: config.HOST, dataDir: config.DATA_DIR }, 'listening');
  return {
    url: localUrl,
    publicUrl: publicUrl(),
    server,
    db,
    logger,
    handoffs,
    close: async () => {
      housekeeping.stop();
      await closeGracefully(server);
      transcripts.flush();
      db.close();
    },
  };
}

/** How long requests under way (a bot turn, say) may take to finish before their connections are cut. */
const SHUTDOWN_GRACE_MS = 3000;

/**
 * Stops taking new connections and lets requests under way finish. Connections that never end on
 * their own (the console's event streams, Direct Line's WebSockets) are cut after the grace period.
 */
async function closeGracefully(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const cut = setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await closed;
  clearTimeout(cut);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadEnvironmentConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startServer(config);
  process.stdout.write(`Open ${running.publicUrl}/ for the chat and ${running.publicUrl}/advisers for the console.\n`);
  if (new AdviserAccounts(running.db, () => new Date()).list().length === 0) {
    process.stdout.write('No adviser accounts yet. Make one with: npm run --silent adviser -- add NAME\n');
  }
  let stopping = false;
  const stop = () => {
    // A second Ctrl+C or SIGTERM while shutting down means "now".
    if (stopping) process.exit(1);
    stopping = true;
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
