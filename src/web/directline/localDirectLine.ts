/**
 * The local Direct Line 3.0 service's logic, without HTTP: who may do what (tokens, the process's own
 * secret), starting and reconnecting to conversations, taking the user's activities to the bot and the
 * bot's activities to the user. The routes in directLineRoutes.ts, connectorRoutes.ts and
 * streamSockets.ts are thin layers over this. Tokens and conversations are in the database (see
 * conversationStore.ts); new sessions are rate-limited and capped per client address.
 */
import { timingSafeEqual } from 'node:crypto';
import { SqlClient } from '../../storage/sql/sqlClient';
import { Logger } from '../../logging/logger';
import { fail, Failure, Outcome } from '../jsonErrors';
import { RateLimit, RateLimiter } from '../rateLimiter';
import { BotForwarder } from './botForwarder';
import { ActivitySet, Conversation, ConversationStore, Created, DirectLineActivity, StoreLimits, DEFAULT_LIMITS } from './conversationStore';
import { clientKeyer, installationSecret } from './installationSecrets';
import { newConversationId, newUserId, randomId } from './randomIds';
import { BotActivity, ClientActivity, FORWARDED_CLIENT_FIELDS } from './schemas';
import { TokenGrant, TokenStore } from './tokenStore';

/** The channel id the bot sees: its channel profile shows buttons and Markdown on webchat. */
export const CHANNEL_ID = 'webchat';
export const BOT_ID = 'advice-bot';

/** A conversation nobody can reach any more (its last token long expired) is dropped after this much more idle time. */
const IDLE_MARGIN_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** New conversations per address: a family reloading the page a few times is fine; a script is not. */
export const START_LIMIT: RateLimit = { burst: 20, refillMs: 30_000 };

export interface LocalDirectLineOptions {
  sql: SqlClient;
  /** Where this process answers on this machine: the bot and its replies go over loopback, not the internet. */
  localUrl: () => string;
  tokenMinutes: number;
  retentionDays: number;
  botName: string;
  logger: Logger;
  now?: () => number;
  limits?: Partial<StoreLimits>;
  maxTokens?: number;
}

/** Who is calling: their address (for limits) and the base URL they reach this server at (for the URLs we hand out). */
export interface Caller {
  address: string;
  origin: string;
}

export type Access = { kind: 'secret' } | { kind: 'token'; token: string; grant: TokenGrant };

export interface ConversationTicket {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

const tooBusy = () => fail(503, 'ServiceUnavailable', 'The chat is very busy just now. Please try again in a few minutes.');

export class LocalDirectLine {
  readonly tokens: TokenStore;
  readonly store: ConversationStore;
  private readonly forwarder: BotForwarder;
  private readonly now: () => number;
  /** This process's Direct Line secret: a master key that never leaves the server. */
  private readonly secret = randomId(32);
  /** The secret in the serviceUrl given to the bot, so that only the bot can send as the bot. Kept across restarts. */
  private readonly connectorSecret: string;
  private readonly clientKey: (address: string) => string;
  private readonly starts: RateLimiter;
  private readonly botAccount: { id: string; name: string; role: 'bot' };

  /** Reads (or makes) this installation's secrets first: every instance sharing the database uses the same. */
  static async open(options: LocalDirectLineOptions): Promise<LocalDirectLine> {
    const connectorSecret = await installationSecret(options.sql, 'directline_connector_secret');
    const clientKey = await installationSecret(options.sql, 'directline_client_key');
    return new LocalDirectLine(options, connectorSecret, clientKey);
  }

  private constructor(
    private readonly options: LocalDirectLineOptions,
    connectorSecret: string,
    clientKey: string,
  ) {
    // Read at every call (not captured), so a test that moves the clock moves it here too.
    this.now = options.now ?? (() => Date.now());
    const tokenMs = options.tokenMinutes * 60_000;
    this.tokens = new TokenStore(options.sql, tokenMs, this.now, options.maxTokens);
    this.store = new ConversationStore(options.sql, this.now, { ...DEFAULT_LIMITS, idleMs: tokenMs + IDLE_MARGIN_MS, ...options.limits });
    this.forwarder = new BotForwarder(() => `${options.localUrl()}/api/messages`, options.logger);
    this.botAccount = { id: BOT_ID, name: options.botName, role: 'bot' };
    this.connectorSecret = connectorSecret;
    this.clientKey = clientKeyer(clientKey);
    this.starts = new RateLimiter(START_LIMIT, this.now);
  }

  /** The Direct Line 3.0 base URL clients use ("domain" in directlinejs and Web Chat). */
  domain(origin: string): string {
    return `${origin}/v3/directline`;
  }

  /** Where the bot sends its replies: the Bot Connector endpoints of connectorRoutes.ts, behind this installation's secret. */
  serviceUrl(): string {
    return `${this.options.localUrl()}/directline-connector/${this.connectorSecret}`;
  }

  /** Whether a connector call carries the secret of serviceUrl() (constant time). */
  isBot(secretInPath: string): boolean {
    return sameText(secretInPath, this.connectorSecret);
  }

  // --- Who is asking -------------------------------------------------------------------------

  /** Reads `Authorization: Bearer <secret or token>`: 401 when missing, 403 when expired or unknown. */
  async authorize(header: string | undefined): Promise<Outcome<Access>> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!header) return fail(401, 'Unauthorized', 'An Authorization header with a Bearer secret or token is required.');
    if (!match) return fail(401, 'Unauthorized', 'The Authorization header must be "Bearer <secret or token>".');
    if (sameText(match[1], this.secret)) return { ok: true, value: { kind: 'secret' } };
    const check = await this.tokens.check(match[1]);
    if (check.ok) return { ok: true, value: { kind: 'token', token: match[1], grant: check.grant } };
    return check.reason === 'expired'
      ? fail(403, 'TokenExpired', 'The token has expired. Get a new one.')
      : fail(403, 'Forbidden', 'The secret or token is not valid.');
  }

  /** The conversation, if this access may use it: 403 for another conversation's token, 404 when gone. */
  async conversationFor(access: Access, conversationId: string): Promise<Outcome<Conversation>> {
    if (access.kind === 'token' && access.grant.conversationId !== conversationId) {
      return fail(403, 'Forbidden', 'This token is for a different conversation.');
    }
    const conversation = await this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    return { ok: true, value: conversation };
  }

  // --- Tokens ---------------------------------------------------------------------------------

  /** A token for one new conversation (the /api/directline/token endpoint calls this in-process). */
  async generateToken(user?: { id?: string }): Promise<Outcome<ConversationTicket>> {
    // The conversation itself is stored only once it starts, so tokens nobody uses take up no room there.
    const conversationId = newConversationId();
    const token = await this.tokens.issue(conversationId, user?.id ? withUserPrefix(user.id) : newUserId());
    if (!token) return this.refused('tokens');
    return { ok: true, value: { conversationId, token, expires_in: this.tokens.lifetimeSeconds } };
  }

  /** POST /tokens/generate: only with the secret, which only this server knows. */
  async generateTokenFor(access: Access, user?: { id?: string }): Promise<Outcome<ConversationTicket>> {
    if (access.kind !== 'secret') return fail(403, 'Forbidden', 'Generating a token needs the Direct Line secret, not a token.');
    return this.generateToken(user);
  }

  async refreshToken(access: Access): Promise<Outcome<ConversationTicket>> {
    if (access.kind !== 'token') return fail(400, 'BadArgument', 'Only a token can be refreshed.');
    const token = await this.tokens.refresh(access.grant);
    if (!token) return this.refused('tokens');
    return { ok: true, value: { conversationId: access.grant.conversationId, token, expires_in: this.tokens.lifetimeSeconds } };
  }

  // --- Conversations --------------------------------------------------------------------------

  /**
   * POST /conversations. A token starts the conversation it was issued for (201 the first time,
   * 200 after); the secret starts a new one. Starting tells the bot that the user joined, so it
   * says hello. A new conversation counts against the caller's address: too many too fast is 429,
   * too many open is 429 too, and a full service is 503; nobody else's conversation is touched.
   */
  async startConversation(access: Access, caller: Caller, user?: { id?: string; name?: string }): Promise<Outcome<ConversationTicket>> {
    let conversation: Conversation | undefined;
    let token: string | undefined;
    if (access.kind === 'token') {
      conversation = await this.store.get(access.grant.conversationId);
      token = access.token;
    }
    if (!conversation) {
      const userId = access.kind === 'token' ? (access.grant.userId ?? newUserId()) : user?.id ? withUserPrefix(user.id) : newUserId();
      const created = await this.createConversation(access.kind === 'token' ? access.grant.conversationId : newConversationId(), userId, caller, user?.name);
      if (!created.ok) return created;
      conversation = created.value;
      token ??= await this.tokens.issue(conversation.id, userId);
      if (!token) return this.refused('tokens');
    }
    const firstStart = !conversation.started;
    if (firstStart) {
      conversation = await this.store.markStarted(conversation, user?.name);
      void this.sendJoin(conversation);
    }
    const ticket = await this.ticketFor(conversation, token!, 0, caller.origin);
    return { ok: true, value: ticket, status: firstStart ? 201 : 200 };
  }

  /** GET /conversations/{id}?watermark=: a fresh streamUrl that replays from the watermark (or from now). */
  async reconnect(access: Access, conversationId: string, watermark: string | undefined, caller: Caller): Promise<Outcome<ConversationTicket>> {
    const found = await this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    const conversation = found.value;
    const token = access.kind === 'token' ? access.token : await this.tokens.issue(conversation.id, conversation.userId);
    if (!token) return this.refused('tokens');
    const from = parseWatermark(watermark) ?? (await this.store.watermark(conversation));
    return { ok: true, value: await this.ticketFor(conversation, token, from, caller.origin) };
  }

  async getActivities(access: Access, conversationId: string, watermark: string | undefined): Promise<Outcome<ActivitySet>> {
    const found = await this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    return { ok: true, value: await this.store.since(found.value, watermark) };
  }

  /**
   * POST /conversations/{id}/activities: fills in what a channel fills in, echoes the activity back
   * to the user's stream (Web Chat needs its channelData.clientActivityID to mark it sent), then
   * hands it to the bot and waits for the bot to take it.
   */
  async postActivity(access: Access, conversationId: string, body: ClientActivity): Promise<Outcome<{ id: string }>> {
    const found = await this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    const conversation = found.value.started ? found.value : await this.store.markStarted(found.value);
    const activity: DirectLineActivity = { type: body.type };
    for (const field of FORWARDED_CLIENT_FIELDS) {
      const value: unknown = body[field];
      if (value !== undefined && value !== null) (activity as Record<string, unknown>)[field] = value;
    }
    Object.assign(activity, {
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: conversation.userId, name: body.from?.name ?? conversation.userName, role: 'user' },
      recipient: this.botAccount,
      timestamp: new Date(this.now()).toISOString(),
    });
    const stored = await this.store.append(conversation, activity);
    const delivered = await this.forwarder.deliver({ ...stored, serviceUrl: this.serviceUrl() });
    if (!delivered.ok && delivered.reason === 'error') return fail(502, 'BotError', 'The bot could not take the message.');
    // A slow bot still has the message and will answer through the stream, so a timeout is not a failure
    // here (unlike Azure's 502 BotTimeout): Web Chat would otherwise offer to send it again.
    return { ok: true, value: { id: stored.id as string } };
  }

  // --- The bot's side (Bot Connector API) -----------------------------------------------------

  /** The bot sends (or replies with) an activity: it is stored and pushed to the user. */
  async fromBot(conversationId: string, body: BotActivity, replyToId?: string): Promise<Outcome<{ id: string }>> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    const stored = await this.store.append(conversation, this.botActivity(conversation, body, replyToId));
    return { ok: true, value: { id: stored.id as string } };
  }

  async updateFromBot(conversationId: string, activityId: string, body: BotActivity): Promise<Outcome<{ id: string }>> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    const updated = await this.store.replace(conversation, activityId, this.botActivity(conversation, body));
    if (!updated) return fail(404, 'NotFound', 'There is no such activity in this conversation.');
    return { ok: true, value: { id: activityId } };
  }

  async deleteFromBot(conversationId: string, activityId: string): Promise<Outcome<Record<string, never>>> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    if (!(await this.store.remove(conversation, activityId))) return fail(404, 'NotFound', 'There is no such activity in this conversation.');
    return { ok: true, value: {} };
  }

  /** The members of a conversation, for bots that ask. */
  async members(conversationId: string): Promise<Outcome<{ id: string; name?: string }[]>> {
    const conversation = await this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    return { ok: true, value: [{ id: conversation.userId, name: conversation.userName }, { id: this.botAccount.id, name: this.botAccount.name }] };
  }

  // --- Housekeeping ---------------------------------------------------------------------------

  /** Expired tokens, conversations nobody can reach any more, and activities past the retention period go. */
  async sweep(): Promise<void> {
    await this.tokens.sweep();
    await this.tokens.forgetConversations(await this.store.sweep());
    await this.store.purgeBefore(new Date(this.now() - this.options.retentionDays * DAY_MS));
    this.starts.sweep();
  }

  private async createConversation(id: string, userId: string, caller: Caller, userName?: string): Promise<Outcome<Conversation>> {
    const wait = this.starts.take(caller.address);
    if (wait > 0) return { ...fail(429, 'TooManyRequests', 'You have started a lot of chats in a short time. Please wait a little and try again.'), retryAfter: wait };
    const created: Created = await this.store.create(id, userId, this.clientKey(caller.address), userName);
    if (created.ok) return { ok: true, value: created.conversation };
    if (created.reason === 'full') return this.refused('conversations');
    return fail(429, 'TooManyRequests', 'There are a lot of chats open from your connection. Close one, or wait a while, and try again.');
  }

  /** A cap has been reached: say so kindly, and log it, since it means a flood or a very busy day. */
  private refused(what: 'tokens' | 'conversations'): { ok: false } & Failure {
    this.options.logger.warn({ cap: what }, 'direct line: refused a new session, the service is full');
    return tooBusy();
  }

  private botActivity(conversation: Conversation, body: BotActivity, replyToId?: string): DirectLineActivity {
    const { serviceUrl: _serviceUrl, ...rest } = body as BotActivity & { serviceUrl?: unknown };
    const from = body.from?.id ? { ...body.from, role: 'bot' } : this.botAccount;
    return {
      ...rest,
      type: body.type,
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      from,
      recipient: { id: conversation.userId, name: conversation.userName, role: 'user' },
      timestamp: new Date(this.now()).toISOString(),
      ...(replyToId ? { replyToId } : {}),
    };
  }

  private async ticketFor(conversation: Conversation, token: string, watermark: number, origin: string): Promise<ConversationTicket> {
    const check = await this.tokens.check(token);
    const expiresIn = check.ok ? Math.max(0, Math.round((check.grant.expiresAt - this.now()) / 1000)) : 0;
    const ticket = this.tokens.issueStreamTicket(conversation.id);
    const base = this.domain(origin).replace(/^http/, 'ws');
    const streamUrl = `${base}/conversations/${encodeURIComponent(conversation.id)}/stream?watermark=${watermark}&t=${encodeURIComponent(ticket)}`;
    return { conversationId: conversation.id, token, expires_in: expiresIn, streamUrl };
  }

  /** Tells the bot the user joined (conversationUpdate with membersAdded), as Direct Line does at the start. */
  private async sendJoin(conversation: Conversation): Promise<void> {
    const user = { id: conversation.userId, name: conversation.userName, role: 'user' };
    await this.forwarder.deliver({
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      from: user,
      recipient: this.botAccount,
      membersAdded: [{ id: this.botAccount.id, name: this.botAccount.name }, { id: user.id, name: user.name }],
      timestamp: new Date(this.now()).toISOString(),
      serviceUrl: this.serviceUrl(),
    });
  }
}

/** Compares secrets in constant time. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function withUserPrefix(id: string): string {
  return id.startsWith('dl_') ? id : `dl_${id}`;
}

function parseWatermark(watermark: string | undefined): number | undefined {
  if (watermark === undefined || watermark === '') return undefined;
  const value = Number.parseInt(watermark, 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
