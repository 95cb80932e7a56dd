/**
 * The one place that wires the system together: configuration, logging, the database
 * (embedded SQLite, or PostgreSQL with DATABASE_URL), state, knowledge services, dialogs, the bot, the adapter and the HTTP server.
 * `npm start` runs this file; tests call startServer() with their own configuration.
 */
import { AddressInfo } from 'node:net';
import { Server } from 'restify';
import { Config, ConfigError } from './config/config';
import { loadEnvironmentConfig } from './config/environment';
import { localAddress } from './config/localAddress';
import { createLogger, Logger } from './logging/logger';
import { openSqlClient } from './storage/openSqlClient';
import { SqlClient } from './storage/sql/sqlClient';
import { SqlStorage } from './storage/sqlStorage';
import { OptimisticConversationState, OptimisticUserState } from './storage/optimisticState';
import { FeedbackStore } from './storage/feedbackStore';
import { TopicStore } from './storage/topicStore';
import { ReportQueries } from './reports/reportQueries';
import { TranscriptStore } from './handoff/transcriptStore';
import { HandoffStore } from './handoff/handoffStore';
import { loadSavedReplies } from './content/savedReplies';
import { NoteStore } from './handoff/noteStore';
import { AuditLog } from './web/advisers/auditLog';
import { HandoffService } from './handoff/handoffService';
import { HandoffMiddleware } from './handoff/handoffMiddleware';
import { TranscriptMiddleware } from './handoff/transcriptMiddleware';
import { SerialTurnsMiddleware } from './bot/serialTurns';
import { SafetyMiddleware } from './bot/safetyMiddleware';
import { SafetyAssessor } from './language/safetyAssessment';
import { SmsComposerMiddleware } from './channels/smsComposer';
import { startHousekeeping } from './handoff/housekeeping';
import { openEventBus } from './events/openEventBus';
import { relayHandoffEvents } from './events/handoffRelay';
import { relayPresence } from './events/presenceRelay';
import { relayDirectLine } from './events/directLineRelay';
import { DataEraser } from './storage/dataEraser';
import { createKnowledgeServices } from './knowledgeServices';
import { Presenter } from './channels/presenter';
import { CommandRecogniser } from './language/commands';
import { AdviceBot } from './bot/adviceBot';
import { OptOutMiddleware } from './bot/optOutMiddleware';
import { createAdapter } from './bot/adapter';
import { createHttpServer } from './server/httpServer';
import { SendTimingMiddleware } from './metrics/sendTimingMiddleware';
import { startTurnTimings, turnTimingFigures } from './metrics/turnTimings';
import { UnsignedTrafficPolicy } from './server/unsignedTraffic';
import { localDirectLineFor, webRoutes } from './web/webRoutes';
import { LocalDirectLine } from './web/directline/localDirectLine';
import { consoleRoutes } from './web/advisers/consoleRoutes';
import { AdviserAccounts } from './web/advisers/adviserAccounts';
import { SignInLimiter } from './web/advisers/signInLimiter';
import { MainDialog } from '../dialogs/mainDialog';
import { CONVERSATION_DATA, ConversationData, DIALOG_STATE, SMS_REST } from '../dialogs/conversationData';
import { DialogServices } from '../dialogs/dialogServices';
import { DialogState } from 'botbuilder-dialogs';
import { ServiceClientCredentialsFactory } from 'botframework-connector';

export interface RunningServer {
  /** Where this process answers (http://localhost:PORT). */
  url: string;
  /** Where people reach it: PUBLIC_BASE_URL, or the same as url. */
  publicUrl: string;
  server: Server;
  /** The database every store uses. */
  sql: SqlClient;
  logger: Logger;
  handoffs: HandoffService;
  /** The built-in Direct Line, when this server runs it. */
  directLine?: LocalDirectLine;
  /** Settles once search reads meaning as well as words (or has given up and uses words alone). */
  searchReady: Promise<void>;
  close: () => Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The safety check; by default the rules and the packaged sentence model. Tests may script it. */
  safetyAssessor?: SafetyAssessor;
  /** The clock the dialogs use; tests fix it. */
  now?: () => Date;
  /** How replies get their token, when not from MicrosoftAppId and MicrosoftAppPassword (tests use a local login). */
  channelCredentials?: ServiceClientCredentialsFactory;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const sql = await openSqlClient(config);
  const storage = new SqlStorage(sql);
  const conversationState = new OptimisticConversationState(storage);
  const userState = new OptimisticUserState(storage);
  // The rules and the packaged sentence model (its encoder shared with search, loading in the background).
  const onSafetyModelFailure = (err: unknown) => logger.error({ err }, 'safety model failed: the rules alone checked this message');
  const base = createKnowledgeServices(config, { onSafetyModelFailure });
  const knowledge = { ...base, safetyAssessor: options.safetyAssessor ?? base.safetyAssessor };
  const presenter = new Presenter(knowledge.responses, knowledge.pictograms);
  const dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE);
  const feedback = new FeedbackStore(sql);
  const transcripts = new TranscriptStore(sql);
  const handoffStore = new HandoffStore(sql);
  const notes = new NoteStore(sql);
  const audit = new AuditLog(sql);
  const topics = new TopicStore(sql);
  // localUrl is known once listening (declared below); the Direct Line reads it only then.
  const directLine = await localDirectLineFor(config, sql, logger, () => localUrl);
  const now = options.now ?? (() => new Date());
  const eraser = new DataEraser(
    [conversationState, userState],
    [feedback, transcripts, notes, handoffStore, ...(directLine ? [directLine.store] : [])],
    () => sql.afterErase(),
  );
  // The adapter needs the apology, the apology needs the presenter; handoffs need the adapter.
  const adapter = createAdapter(config, {
    logger,
    apologise: (context) => presenter.say(context, 'turn_error'),
    dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  }, options.channelCredentials);
  const handoffs = new HandoffService(handoffStore, transcripts, adapter, presenter, knowledge.hours, config, logger, now);
  if (config.TURN_TIMINGS) {
    startTurnTimings();
    adapter.use(new SendTimingMiddleware());
  }
  // Every turn, in order: one at a time per conversation; the safety check; SMS opt-outs; SMS kept to its budget; the live-chat relay; the transcript.
  adapter.use(new SerialTurnsMiddleware());
  adapter.use(new SafetyMiddleware(knowledge.safetyAssessor));
  const commands = CommandRecogniser.load();
  // Before the relay, so that STOP on SMS is honoured even while an adviser holds the chat.
  adapter.use(new OptOutMiddleware({ commands, conversationState, presenter, handoffs, logger, now }));
  adapter.use(
    new SmsComposerMiddleware(
      { welcome: config.SMS_SEGMENTS_WELCOME, answer: config.SMS_SEGMENTS_ANSWER, next_steps: config.SMS_SEGMENTS_NEXT_STEPS, other: config.SMS_SEGMENTS_OTHER },
      knowledge.responses,
      conversationState.createProperty<string | undefined>(SMS_REST),
      (context) => conversationState.saveChanges(context, false),
    ),
  );
  adapter.use(new HandoffMiddleware(handoffs, presenter, knowledge.knowledge, commands));
  adapter.use(new TranscriptMiddleware(transcripts, now));
  const services: DialogServices = {
    ...knowledge,
    presenter,
    commands,
    conversationData: conversationState.createProperty<ConversationData>(CONVERSATION_DATA),
    feedback,
    topics,
    eraser,
    handoffs,
    now,
  };
  const bot = new AdviceBot([conversationState, userState], new MainDialog(services), dialogState);
  const timingLog = config.TURN_TIMINGS ? setInterval(() => logger.info({ stages: turnTimingFigures() }, 'turn timings'), TIMINGS_LOG_MS).unref() : undefined;
  // Several instances on one PostgreSQL database tell each other what the consoles and open webchats must show.
  const bus = await openEventBus(config.DATABASE_URL, logger);
  const relays = [relayHandoffEvents(handoffs, bus, logger), relayPresence(handoffs.presence, bus), ...(directLine ? [relayDirectLine(directLine.store, bus, logger)] : [])];
  const housekeeping = startHousekeeping({ handoffs, transcripts, handoffStore, notes, audit, feedback, topics, state: storage, afterPurge: () => sql.afterErase(), config, logger, now, leads: () => bus.leads() });
  // Known once listening: where this process answers, and where the public reaches it (the same unless PUBLIC_BASE_URL says).
  let localUrl = '';
  const publicUrl = () => config.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? localUrl;
  const routes = [
    ...webRoutes({ config, logger, localUrl: () => localUrl, localDirectLine: directLine }),
    consoleRoutes({
      accounts: new AdviserAccounts(sql, now),
      handoffs,
      handoffStore,
      notes,
      audit,
      feedback,
      reports: new ReportQueries(sql),
      knowledge: knowledge.knowledge,
      search: knowledge.search.keyword,
      letters: knowledge.letters,
      savedReplies: loadSavedReplies(),
      holidays: knowledge.holidays,
      logger,
      now,
      secure: () => publicUrl().startsWith('https://'),
      trustedProxies: config.TRUST_PROXY,
      signIns: await SignInLimiter.open(sql, now),
    }),
  ];
  const unsigned = config.MicrosoftAppId ? undefined : new UnsignedTrafficPolicy(config.UNSIGNED_ALLOWED_ADDRESSES, config.UNSIGNED_ALLOWED_SERVICE_URLS);
  const server = createHttpServer({ adapter, bot, logger, unsigned, routes });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  localUrl = localAddress(config.HOST, port);
  logger.info({ url: publicUrl(), host: config.HOST, database: sql.dialect === 'sqlite' ? config.DATA_DIR : 'postgres' }, 'listening');
  // Only now the encoder and the meaning index load (off the way of start-up); lunr alone answers until then.
  const loadingSearch = performance.now();
  const searchReady = knowledge.search.warmInBackground().then(
    () => logger.info({ ms: Math.round(performance.now() - loadingSearch) }, 'search understands meaning'),
    (err: unknown) => logger.error({ err }, 'search could not load the sentence encoder: lunr alone answers'),
  );
  return {
    url: localUrl,
    publicUrl: publicUrl(),
    server,
    sql,
    logger,
    handoffs,
    directLine,
    searchReady,
    close: async () => {
      housekeeping.stop();
      clearInterval(timingLog);
      await closeGracefully(server);
      relays.forEach((stop) => stop());
      await bus.close();
      await sql.close();
    },
  };
}

/** How often the turn timings are logged, when they are on. */
const TIMINGS_LOG_MS = 5 * 60 * 1000;

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
  if ((await new AdviserAccounts(running.sql, () => new Date()).list()).length === 0) {
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
