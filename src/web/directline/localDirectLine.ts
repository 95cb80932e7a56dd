/**
 * The local Direct Line 3.0 service's logic, without HTTP: who may do what (tokens, the process's own
 * secret), starting and reconnecting to conversations, taking the user's activities to the bot and the
 * bot's activities to the user. The routes in directLineRoutes.ts, connectorRoutes.ts and
 * streamSockets.ts are thin layers over this.
 */
import { timingSafeEqual } from 'node:crypto';
import { Logger } from '../../logging/logger';
import { fail, Outcome } from '../jsonErrors';
import { BotForwarder } from './botForwarder';
import { ActivitySet, Conversation, ConversationStore, DirectLineActivity, StoreLimits, DEFAULT_LIMITS } from './conversationStore';
import { newConversationId, newUserId, randomId } from './randomIds';
import { BotActivity, ClientActivity, FORWARDED_CLIENT_FIELDS } from './schemas';
import { TokenGrant, TokenStore } from './tokenStore';

/** The channel id the bot sees: its channel profile shows buttons and Markdown on webchat. */
export const CHANNEL_ID = 'webchat';
export const BOT_ID = 'advice-bot';

export interface LocalDirectLineOptions {
  /** Where browsers reach this server, e.g. http://localhost:3978 (read at request time). */
  baseUrl: () => string;
  /** Where this process answers on this machine: the bot and its replies go over loopback, not the internet. */
  localUrl: () => string;
  tokenMinutes: number;
  botName: string;
  logger: Logger;
  now?: () => number;
  limits?: StoreLimits;
}

export type Access = { kind: 'secret' } | { kind: 'token'; token: string; grant: TokenGrant };

export interface ConversationTicket {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

export class LocalDirectLine {
  readonly tokens: TokenStore;
  readonly store: ConversationStore;
  private readonly forwarder: BotForwarder;
  private readonly now: () => number;
  /** This process's Direct Line secret: a master key that never leaves the server. */
  private readonly secret = randomId(32);
  private readonly botAccount: { id: string; name: string; role: 'bot' };

  constructor(private readonly options: LocalDirectLineOptions) {
    // Read at every call (not captured), so a test that moves the clock moves it here too.
    this.now = options.now ?? (() => Date.now());
    this.tokens = new TokenStore(options.tokenMinutes * 60_000, this.now);
    this.store = new ConversationStore(this.now, options.limits ?? DEFAULT_LIMITS);
    this.forwarder = new BotForwarder(() => `${options.localUrl()}/api/messages`, options.logger);
    this.botAccount = { id: BOT_ID, name: options.botName, role: 'bot' };
  }

  /** The Direct Line 3.0 base URL clients use ("domain" in directlinejs and Web Chat). */
  domain(): string {
    return `${this.options.baseUrl()}/v3/directline`;
  }

  /** Where the bot sends its replies: the Bot Connector endpoints of connectorRoutes.ts. */
  serviceUrl(): string {
    return `${this.options.localUrl()}/directline-connector`;
  }

  // --- Who is asking -------------------------------------------------------------------------

  /** Reads `Authorization: Bearer <secret or token>`: 401 when missing, 403 when expired or unknown. */
  authorize(header: string | undefined): Outcome<Access> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!header) return fail(401, 'Unauthorized', 'An Authorization header with a Bearer secret or token is required.');
    if (!match) return fail(401, 'Unauthorized', 'The Authorization header must be "Bearer <secret or token>".');
    if (sameText(match[1], this.secret)) return { ok: true, value: { kind: 'secret' } };
    const check = this.tokens.check(match[1]);
    if (check.ok) return { ok: true, value: { kind: 'token', token: match[1], grant: check.grant } };
    return check.reason === 'expired'
      ? fail(403, 'TokenExpired', 'The token has expired. Get a new one.')
      : fail(403, 'Forbidden', 'The secret or token is not valid.');
  }

  /** The conversation, if this access may use it: 403 for another conversation's token, 404 when gone. */
  conversationFor(access: Access, conversationId: string): Outcome<Conversation> {
    if (access.kind === 'token' && access.grant.conversationId !== conversationId) {
      return fail(403, 'Forbidden', 'This token is for a different conversation.');
    }
    const conversation = this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    return { ok: true, value: conversation };
  }

  // --- Tokens ---------------------------------------------------------------------------------

  /** A token for one new conversation (the /api/directline/token endpoint calls this in-process). */
  generateToken(user?: { id?: string }): ConversationTicket {
    // The conversation itself is stored only once it starts, so tokens nobody uses take up no room there.
    const conversationId = newConversationId();
    const token = this.tokens.issue(conversationId, user?.id ? withUserPrefix(user.id) : newUserId());
    return { conversationId, token, expires_in: this.tokens.lifetimeSeconds };
  }

  /** POST /tokens/generate: only with the secret, which only this server knows. */
  generateTokenFor(access: Access, user?: { id?: string }): Outcome<ConversationTicket> {
    if (access.kind !== 'secret') return fail(403, 'Forbidden', 'Generating a token needs the Direct Line secret, not a token.');
    return { ok: true, value: this.generateToken(user) };
  }

  refreshToken(access: Access): Outcome<ConversationTicket> {
    if (access.kind !== 'token') return fail(400, 'BadArgument', 'Only a token can be refreshed.');
    const token = this.tokens.refresh(access.grant);
    return { ok: true, value: { conversationId: access.grant.conversationId, token, expires_in: this.tokens.lifetimeSeconds } };
  }

  // --- Conversations --------------------------------------------------------------------------

  /**
   * POST /conversations. A token starts the conversation it was issued for (201 the first time,
   * 200 after); the secret starts a new one. Starting tells the bot that the user joined, so it
   * says hello.
   */
  startConversation(access: Access, user?: { id?: string; name?: string }): Outcome<ConversationTicket> {
    let conversation: Conversation;
    let token: string;
    if (access.kind === 'secret') {
      const userId = user?.id ? withUserPrefix(user.id) : newUserId();
      conversation = this.store.create(newConversationId(), userId, user?.name);
      token = this.tokens.issue(conversation.id, userId);
    } else {
      const { conversationId, userId } = access.grant;
      conversation = this.store.get(conversationId) ?? this.store.create(conversationId, userId ?? newUserId(), user?.name);
      token = access.token;
    }
    const firstStart = !conversation.started;
    if (firstStart) {
      conversation.started = true;
      if (!conversation.userName && user?.name) conversation.userName = user.name;
      void this.sendJoin(conversation);
    }
    const ticket = this.ticketFor(conversation, token, 0);
    return { ok: true, value: ticket, status: firstStart ? 201 : 200 };
  }

  /** GET /conversations/{id}?watermark=: a fresh streamUrl that replays from the watermark (or from now). */
  reconnect(access: Access, conversationId: string, watermark: string | undefined): Outcome<ConversationTicket> {
    const found = this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    const conversation = found.value;
    const token = access.kind === 'token' ? access.token : this.tokens.issue(conversation.id, conversation.userId);
    const from = parseWatermark(watermark) ?? this.store.watermark(conversation);
    return { ok: true, value: this.ticketFor(conversation, token, from) };
  }

  getActivities(access: Access, conversationId: string, watermark: string | undefined): Outcome<ActivitySet> {
    const found = this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    return { ok: true, value: this.store.since(found.value, watermark) };
  }

  /**
   * POST /conversations/{id}/activities: fills in what a channel fills in, echoes the activity back
   * to the user's stream (Web Chat needs its channelData.clientActivityID to mark it sent), then
   * hands it to the bot and waits for the bot to take it.
   */
  async postActivity(access: Access, conversationId: string, body: ClientActivity): Promise<Outcome<{ id: string }>> {
    const found = this.conversationFor(access, conversationId);
    if (!found.ok) return found;
    const conversation = found.value;
    if (!conversation.started) conversation.started = true;
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
    const stored = this.store.append(conversation, activity);
    const delivered = await this.forwarder.deliver({ ...stored, serviceUrl: this.serviceUrl() });
    if (!delivered.ok && delivered.reason === 'error') return fail(502, 'BotError', 'The bot could not take the message.');
    // A slow bot still has the message and will answer through the stream, so a timeout is not a failure
    // here (unlike Azure's 502 BotTimeout): Web Chat would otherwise offer to send it again.
    return { ok: true, value: { id: stored.id as string } };
  }

  // --- The bot's side (Bot Connector API) -----------------------------------------------------

  /** The bot sends (or replies with) an activity: it is stored and pushed to the user. */
  fromBot(conversationId: string, body: BotActivity, replyToId?: string): Outcome<{ id: string }> {
    const conversation = this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    const stored = this.store.append(conversation, this.botActivity(conversation, body, replyToId));
    return { ok: true, value: { id: stored.id as string } };
  }

  updateFromBot(conversationId: string, activityId: string, body: BotActivity): Outcome<{ id: string }> {
    const conversation = this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    const updated = this.store.replace(conversation, activityId, this.botActivity(conversation, body));
    if (!updated) return fail(404, 'NotFound', 'There is no such activity in this conversation.');
    return { ok: true, value: { id: activityId } };
  }

  deleteFromBot(conversationId: string, activityId: string): Outcome<Record<string, never>> {
    const conversation = this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    if (!this.store.remove(conversation, activityId)) return fail(404, 'NotFound', 'There is no such activity in this conversation.');
    return { ok: true, value: {} };
  }

  /** The members of a conversation, for bots that ask. */
  members(conversationId: string): Outcome<{ id: string; name?: string }[]> {
    const conversation = this.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'The conversation does not exist or has ended.');
    return { ok: true, value: [{ id: conversation.userId, name: conversation.userName }, { id: this.botAccount.id, name: this.botAccount.name }] };
  }

  // --- Housekeeping ---------------------------------------------------------------------------

  sweep(): void {
    this.tokens.sweep();
    this.store.sweep();
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

  private ticketFor(conversation: Conversation, token: string, watermark: number): ConversationTicket {
    const check = this.tokens.check(token);
    const expiresIn = check.ok ? Math.max(0, Math.round((check.grant.expiresAt - this.now()) / 1000)) : 0;
    const ticket = this.tokens.issueStreamTicket(conversation.id);
    const base = this.domain().replace(/^http/, 'ws');
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
