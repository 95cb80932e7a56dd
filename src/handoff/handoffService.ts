/**
 * Hands conversations to human advisers: queues them with a summary, tells each user their place
 * and an honest wait, relays messages both ways once an adviser accepts (the adviser's through
 * the adapter's continueConversation), gives the conversation back to the bot when the adviser
 * ends, and offers other routes to anyone nobody could take in time. Everything it knows is in
 * the database, so a restart loses nothing; the console listens to its events.
 */
import { EventEmitter } from 'node:events';
import { ActionTypes, Activity, ActivityTypes, ConversationReference, EventFactory, TurnContext } from 'botbuilder';
import { channelProfile } from '../channels/channelProfile';
import { sendsWereSuppressed } from '../channels/suppressedSends';
import { Presenter } from '../channels/presenter';
import { MenuChoice } from '../channels/choices';
import { Config } from '../config/config';
import { humanRoutes } from '../hours/humanRoutes';
import { ServiceHours } from '../hours/serviceHours';
import { Logger } from '../logging/logger';
import { SafetyAssessment } from '../language/safetyAssessment';
import { AdviserPresence, Availability } from './adviserPresence';
import { Handoff, HandoffStore, LeftMessage } from './handoffStore';
import { queueValues, queueWordsFor } from './queueWords';
import { HandoffSummary } from './handoffSummary';
import { ADVISER_MARK, TranscriptLine, TranscriptStore } from './transcriptStore';

/** The part of the adapter that sends proactive messages (CloudAdapter in the server, a test adapter in tests). */
export interface ProactiveSender {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface QueuePlace {
  position: number;
  /** Undefined when no adviser is signed in: then nobody can honestly say. */
  waitMinutes?: number;
}

export interface HandoffEvents {
  /** The queue or a live chat changed: the console should refresh its lists. */
  changed: [];
  /** A new line in a conversation an adviser may be watching. */
  line: [{ handoffId: number; conversationId: string; line: TranscriptLine }];
  /** Danger now in a live chat: the adviser must not miss it. */
  alert: [{ handoffId: number; kinds: string[] }];
  /** The family is typing in a live chat (the Bot Framework typing activity). */
  typing: [{ handoffId: number }];
}

/** A wait estimate is never shown as less than this: someone still has to pick the chat up. */
const MIN_WAIT_MINUTES = 2;
/**
 * Web Chat says "typing" every few seconds while the family types, and a channel may say it far more
 * often: each live chat passes at most one typing event to the consoles in this time.
 */
export const TYPING_EVENT_GAP_MS = 2000;
/** How many finished chats the average chat length is taken from, once there are enough. */
const HANDLE_TIME_SAMPLE = 20;
const MIN_HANDLE_SAMPLES = 3;

export class HandoffService extends EventEmitter<HandoffEvents> {
  /** Who is at the console; shared with the other instances by src/events/presenceRelay.ts. */
  readonly presence: AdviserPresence;
  /** When each live chat last passed typing on; old entries are dropped, so it stays small. */
  private readonly typingSentAt = new Map<number, number>();

  constructor(
    private readonly store: HandoffStore,
    private readonly transcripts: TranscriptStore,
    private readonly adapter: ProactiveSender,
    private readonly presenter: Presenter,
    private readonly hours: ServiceHours,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    super();
    this.presence = new AdviserPresence(now);
    // Every open console listens; there may be more than Node's default of ten.
    this.setMaxListeners(200);
  }

  // ----- the user's side -----------------------------------------------------------------------

  openFor(conversationId: string): Promise<Handoff | undefined> {
    return this.store.openFor(conversationId);
  }

  /** Puts the conversation in the queue and emits the standard handoff.initiate event with the transcript. */
  async enqueue(context: TurnContext, summary: HandoffSummary): Promise<{ handoff: Handoff; place: QueuePlace }> {
    const reference = TurnContext.getConversationReference(context.activity);
    const handoff = await this.store.openOrAdd({ reference, summary, at: this.now() });
    const place = await this.placeOf(handoff.id);
    await this.store.setToldPosition(handoff.id, place.position);
    await this.sendHandoffInitiation(context, summary, handoff.conversationId);
    this.emit('changed');
    this.logger.info({ handoffId: handoff.id, position: place.position, reason: summary.reason }, 'conversation queued for an adviser');
    return { handoff, place };
  }

  /** The user's place in the queue and how long they may wait, or undefined when not waiting. */
  async placeOf(handoffId: number): Promise<QueuePlace> {
    const waiting = await this.store.waiting();
    const index = waiting.findIndex((h) => h.id === handoffId);
    const position = index < 0 ? 0 : index + 1;
    return { position, waitMinutes: await this.estimateWait(position) };
  }

  /**
   * An honest wait. Advisers free now take the first people at once. After that, each place goes
   * to the next adviser to finish: a chat already under way is on average half done, a chat that
   * starts now takes a whole average chat, and every adviser then frees up once per average chat.
   */
  async estimateWait(position: number): Promise<number | undefined> {
    const live = await this.store.live();
    const available = new Set(this.freeAdvisers(live));
    const advisers = available.size;
    if (advisers === 0) return undefined;
    const inProgress = Math.min(advisers, live.filter((h) => available.has(h.adviser ?? '')).length);
    const free = advisers - inProgress;
    const beyondFree = position - free;
    if (beyondFree <= 0) return MIN_WAIT_MINUTES;
    const chat = await this.averageChatMinutes();
    const freeAt: number[] = [];
    for (let round = 0; freeAt.length < beyondFree * advisers; round++) {
      for (let i = 0; i < inProgress; i++) freeAt.push(chat / 2 + round * chat);
      for (let i = 0; i < free; i++) freeAt.push(chat + round * chat);
    }
    const minutes = freeAt.sort((a, b) => a - b)[beyondFree - 1];
    return Math.max(MIN_WAIT_MINUTES, minutes > 15 ? Math.round(minutes / 5) * 5 : Math.ceil(minutes));
  }

  /** The user stopped waiting. */
  async leave(conversationId: string): Promise<void> {
    const handoff = await this.store.openFor(conversationId);
    if (handoff?.status === 'waiting' && (await this.store.transition(handoff.id, 'waiting', 'left', { at: this.now() }))) {
      this.emit('changed');
      await this.tellQueueMoved();
    }
  }

  async leaveMessage(context: TurnContext, summary: HandoffSummary, text: string): Promise<number> {
    const id = await this.store.addLeftMessage({ reference: TurnContext.getConversationReference(context.activity), summary, text, at: this.now() });
    this.emit('changed');
    return id;
  }

  /**
   * A message from a user whose conversation an adviser holds: the bot stays silent, the console
   * shows it. Danger raises the handoff's safety flags and an alert; `reply` is what the bot said
   * back at once (the danger reply), kept in the transcript with it.
   */
  async relayFromUser(handoff: Handoff, text: string, assessment: SafetyAssessment, reply: readonly string[] = []): Promise<void> {
    const at = this.now();
    const danger = assessment.tier === 'danger';
    const lines = await this.transcripts.addLines([
      { conversationId: handoff.conversationId, channelId: handoff.channelId, sender: 'user', text, at, danger, unsure: assessment.tier === 'check' },
      ...reply.map((line) => ({ conversationId: handoff.conversationId, channelId: handoff.channelId, sender: 'bot' as const, text: line, at })),
    ]);
    if (danger) await this.flagDanger(handoff, assessment.kinds);
    for (const line of lines) this.emit('line', { handoffId: handoff.id, conversationId: handoff.conversationId, line });
  }

  /** Danger seen while a family waits or chats: the adviser's summary says so at once, with an alert. */
  async flagDanger(handoffOrConversation: Handoff | string, kinds: readonly string[]): Promise<void> {
    const handoff = typeof handoffOrConversation === 'string' ? await this.store.openFor(handoffOrConversation) : handoffOrConversation;
    if (!handoff) return;
    await this.store.addSafetyFlags(handoff.id, kinds);
    this.emit('alert', { handoffId: handoff.id, kinds: [...kinds] });
    this.emit('changed');
  }

  /** The family's channel says they are typing: the adviser holding the chat sees it. */
  familyTyping(handoff: Handoff): void {
    if (handoff.status !== 'with_adviser') return;
    const now = this.now().getTime();
    if (now - (this.typingSentAt.get(handoff.id) ?? -Infinity) < TYPING_EVENT_GAP_MS) return;
    for (const [id, at] of this.typingSentAt) if (now - at >= TYPING_EVENT_GAP_MS) this.typingSentAt.delete(id);
    this.typingSentAt.set(handoff.id, now);
    this.emit('typing', { handoffId: handoff.id });
  }

  /** A handoff.status event from an external contact centre (accepted, completed, failed). */
  async onStatusEvent(conversationId: string, state: string): Promise<void> {
    const handoff = await this.store.openFor(conversationId);
    if (!handoff) return;
    if (state === 'accepted') await this.accept(handoff.id, 'contact centre');
    else if (state === 'completed') await this.end(handoff.id, 'contact centre');
    else if (state === 'failed' && handoff.status === 'waiting') await this.timeOut(handoff);
  }

  // ----- the adviser's side --------------------------------------------------------------------

  waiting(): Promise<Handoff[]> {
    return this.store.waiting();
  }

  live(): Promise<Handoff[]> {
    return this.store.live();
  }

  get(id: number): Promise<Handoff | undefined> {
    return this.store.get(id);
  }

  transcript(conversationId: string, afterId = 0): Promise<TranscriptLine[]> {
    return this.transcripts.forConversation(conversationId, afterId);
  }

  /** An adviser takes a waiting conversation; false if someone else already has. */
  async accept(id: number, adviser: string): Promise<boolean> {
    if (!(await this.store.transition(id, 'waiting', 'with_adviser', { adviser, at: this.now() }))) return false;
    const handoff = (await this.store.get(id))!;
    const name = adviser.charAt(0).toUpperCase() + adviser.slice(1);
    await this.sendToUser(handoff, (easyRead) => this.presenter.responses.messages('handoff_accepted', { easyRead, values: { adviser: name } }));
    this.emit('changed');
    await this.tellQueueMoved();
    return true;
  }

  /**
   * An adviser passes a live chat to a colleague who is signed in and has room, or back to the
   * queue ('queue'). The family is told who has them now. False when the move is not possible.
   */
  async transfer(id: number, from: string, to: string): Promise<boolean> {
    if (to === 'queue') {
      if (!(await this.store.requeue(id, from, this.now()))) return false;
      const handoff = (await this.store.get(id))!;
      await this.sendToUser(handoff, (easyRead) => this.presenter.responses.messages('handoff_requeued', { easyRead }));
      this.emit('changed');
      await this.tellQueueMoved();
      return true;
    }
    if (to === from || this.presence.statusOf(to) === 'away' || (await this.atLimit(to))) return false;
    if (!(await this.store.reassign(id, from, to))) return false;
    const handoff = (await this.store.get(id))!;
    const name = to.charAt(0).toUpperCase() + to.slice(1);
    await this.sendToUser(handoff, (easyRead) => this.presenter.responses.messages('handoff_transferred', { easyRead, values: { adviser: name } }));
    this.emit('changed');
    return true;
  }

  /**
   * The adviser's words, sent to the user as they are, with a way to end the chat where the channel
   * has buttons. 'lost' when the family's conversation no longer exists on their channel: the
   * handoff has then been ended, and the words went nowhere.
   */
  async sendFromAdviser(id: number, adviser: string, text: string): Promise<'sent' | 'not_live' | 'lost'> {
    const handoff = await this.store.get(id);
    if (handoff?.status !== 'with_adviser') return 'not_live';
    const reached = await this.continueWith(handoff, async (context) => {
      const endChat = this.presenter.responses.text('choice_end_chat');
      const buttons = channelProfile(context.activity.channelId).buttons ? { suggestedActions: { to: [], actions: [{ type: ActionTypes.ImBack, title: endChat, value: endChat }] } } : {};
      await context.sendActivity({ type: 'message', text, textFormat: 'plain', channelData: { [ADVISER_MARK]: true, adviser }, ...buttons });
    });
    if (reached === 'gone') return 'lost';
    const lines = await this.transcripts.forConversation(handoff.conversationId);
    const line = lines[lines.length - 1];
    if (line) this.emit('line', { handoffId: id, conversationId: handoff.conversationId, line });
    return 'sent';
  }

  /** The adviser is typing: the family's channel shows it, where it can. False when the chat is not live. */
  async typingFromAdviser(id: number): Promise<boolean> {
    const handoff = await this.store.get(id);
    if (handoff?.status !== 'with_adviser') return false;
    await this.continueWith(handoff, async (context) => {
      await context.sendActivity({ type: ActivityTypes.Typing });
    });
    return true;
  }

  /**
   * An adviser answers a message left for them, on the family's own conversation, where the
   * channel lets the bot write first. 'gone' when the channel says that conversation has closed.
   */
  async replyToLeftMessage(message: LeftMessage, adviser: string, text: string): Promise<'sent' | 'gone' | 'failed' | 'opted_out'> {
    let gone: number | undefined;
    let optedOut = false;
    try {
      await this.adapter.continueConversationAsync(this.config.MicrosoftAppId ?? '', message.reference, async (context) => {
        optedOut = sendsWereSuppressed(context);
        if (optedOut) return;
        try {
          const easyRead = message.summary.accessibility.includes('easy read');
          await this.presenter.send(context, this.presenter.responses.messages('left_message_reply', { easyRead }));
          await context.sendActivity({ type: 'message', text, textFormat: 'plain', channelData: { [ADVISER_MARK]: true, adviser } });
        } catch (error) {
          gone = goneStatus(error);
          if (gone === undefined) throw error;
        }
      });
    } catch (error) {
      this.logger.warn({ err: error, channel: message.channelId }, 'could not answer a left message');
      return 'failed';
    }
    if (optedOut) return 'opted_out';
    return gone === undefined ? 'sent' : 'gone';
  }

  /** When the family last wrote, for the console's list of live chats. */
  lastFamilyLineAt(conversationId: string): Promise<number | undefined> {
    return this.transcripts.lastFamilyLineAt(conversationId);
  }

  /** The adviser ends the chat: the user is told, the bot takes over and asks whether it helped. */
  async end(id: number, adviser: string): Promise<boolean> {
    if (!(await this.store.transition(id, 'with_adviser', 'ended', { adviser, at: this.now() }))) return false;
    const handoff = (await this.store.get(id))!;
    await this.continueWith(handoff, async (context) => {
      await this.sendEnding(context, handoff, 'handoff_ended');
    });
    this.emit('changed');
    return true;
  }

  /**
   * The family ends the chat themselves ("end chat", or the button): they are told, the bot takes
   * over, and the adviser sees it in the transcript and the queue at once.
   */
  async endByFamily(context: TurnContext, handoff: Handoff, text: string, assessment: SafetyAssessment): Promise<void> {
    if (!(await this.store.transition(handoff.id, 'with_adviser', 'ended', { at: this.now() }))) return;
    const said = await this.sendEnding(context, handoff, 'handoff_ended_by_family');
    await this.relayFromUser(handoff, text, assessment, said);
    this.emit('changed');
  }

  /** The end of a chat, in the family's wording, and the question asking them to rate it; returns what was said. */
  private async sendEnding(context: TurnContext, handoff: Handoff, key: string): Promise<string[]> {
    const easyRead = handoff.summary.accessibility.includes('easy read');
    const { responses } = this.presenter;
    const ending = responses.messages(key, { easyRead });
    const question = responses.text('handoff_rating', { easyRead });
    await this.presenter.send(context, ending);
    await context.sendActivities(this.presenter.choiceActivities(context, question, ratingChoices(responses), { easyRead }));
    return [...ending, question];
  }

  /** The family's rating of an ended chat, kept with it (beside the adviser's outcome); false if already rated. */
  async rate(id: number, rating: ChatRating): Promise<boolean> {
    const rated = await this.store.setRating(id, RATING_SCORES[rating], this.now());
    if (rated) this.emit('changed');
    return rated;
  }

  async ratingOf(id: number): Promise<ChatRating | null> {
    const score = await this.store.ratingOf(id);
    return CHAT_RATINGS.find((r) => RATING_SCORES[r] === score) ?? null;
  }

  /** An adviser's console is open. */
  adviserSeen(adviser: string): void {
    this.presence.seen(adviser);
  }

  adviserGone(adviser: string): void {
    this.presence.gone(adviser);
    this.emit('changed');
  }

  setAvailability(adviser: string, status: Availability): void {
    this.presence.choose(adviser, status);
    this.emit('changed');
  }

  /** Every adviser's availability and live chats, for colleagues to see. */
  async advisers(): Promise<{ adviser: string; status: Availability; liveChats: number }[]> {
    const live = await this.store.live();
    return this.presence.all().map((a) => ({ ...a, liveChats: liveChatsOf(live, a.adviser) }));
  }

  /** ADVISER_MAX_CHATS: an adviser holding this many live chats takes no more. */
  async atLimit(adviser: string): Promise<boolean> {
    return liveChatsOf(await this.store.live(), adviser) >= this.config.ADVISER_MAX_CHATS;
  }

  /** Advisers who can take a family now: Available, console open, and below their limit. Only these count for waits. */
  async advisersOnline(): Promise<number> {
    return this.freeAdvisers(await this.store.live()).length;
  }

  private freeAdvisers(live: readonly Handoff[]): string[] {
    return this.presence
      .all()
      .filter((a) => a.status === 'available' && liveChatsOf(live, a.adviser) < this.config.ADVISER_MAX_CHATS)
      .map((a) => a.adviser);
  }

  // ----- housekeeping --------------------------------------------------------------------------

  /** Waiting too long, or webchat has closed: offer the other routes instead. */
  async sweep(): Promise<void> {
    const now = this.now();
    const limit = this.config.HANDOFF_ACCEPT_MINUTES * 60 * 1000;
    const closed = !this.hours.isOpen('webchat', now);
    for (const handoff of await this.store.waiting()) {
      if (closed || now.getTime() - handoff.queuedAt >= limit) await this.timeOut(handoff);
    }
  }

  private async timeOut(handoff: Handoff): Promise<void> {
    if (!(await this.store.transition(handoff.id, 'waiting', 'timed_out', { at: this.now() }))) return;
    const { responses } = this.presenter;
    await this.sendToUser(handoff, (easyRead) => [
      ...responses.messages('handoff_timed_out', { easyRead }),
      ...humanRoutes(responses, this.hours, this.now(), { easyRead }, { webchat: false }),
      ...responses.messages('handoff_timed_out_message', { easyRead }),
    ]);
    this.emit('changed');
    await this.tellQueueMoved();
  }

  /** Tells everyone still waiting their new place, when it has changed. */
  private async tellQueueMoved(): Promise<void> {
    for (const handoff of await this.store.waiting()) {
      const place = await this.placeOf(handoff.id);
      if (place.position === handoff.toldPosition) continue;
      await this.store.setToldPosition(handoff.id, place.position);
      await this.sendToUser(handoff, (easyRead) => this.presenter.responses.messages(queueWordsFor('handoff_position', place), { easyRead, values: queueValues(place) }));
    }
  }

  private async averageChatMinutes(): Promise<number> {
    const recent = await this.store.recentHandleMinutes(HANDLE_TIME_SAMPLE);
    if (recent.length < MIN_HANDLE_SAMPLES) return this.config.HANDOFF_MINUTES_PER_CONVERSATION;
    return recent.reduce((a, b) => a + b, 0) / recent.length;
  }

  private async sendToUser(handoff: Handoff, words: (easyRead: boolean) => string[]): Promise<void> {
    await this.continueWith(handoff, (context) => this.presenter.send(context, words(handoff.summary.accessibility.includes('easy read'))));
  }

  /**
   * Sends through the adapter (continueConversation); a user who cannot be reached is logged, not
   * fatal. When the channel says the conversation is gone (404 or 403: a webchat closed long ago, a
   * token long expired), nobody can reach it again, so its open handoff is ended and the console told.
   * That answer is caught inside the turn, since the adapter's turn-error handler would swallow it.
   */
  private async continueWith(handoff: Handoff, logic: (context: TurnContext) => Promise<void>): Promise<'sent' | 'gone' | 'failed'> {
    let gone: number | undefined;
    try {
      await this.adapter.continueConversationAsync(this.config.MicrosoftAppId ?? '', handoff.reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          gone = goneStatus(error);
          if (gone === undefined) throw error;
        }
      });
    } catch (error) {
      this.logger.warn({ err: error, handoffId: handoff.id, channel: handoff.channelId }, 'could not reach the user');
      return 'failed';
    }
    if (gone === undefined) return 'sent';
    this.logger.warn({ handoffId: handoff.id, channel: handoff.channelId, status: gone }, "the family's conversation is gone; handoff ended");
    const current = await this.store.get(handoff.id);
    if (current && (current.status === 'waiting' || current.status === 'with_adviser') && (await this.store.transition(handoff.id, current.status, 'ended', { at: this.now() }))) {
      this.emit('changed');
    }
    return 'gone';
  }

  private async sendHandoffInitiation(context: TurnContext, summary: HandoffSummary, conversationId: string): Promise<void> {
    const activities = (await this.transcripts.forConversation(conversationId)).map((l) => ({ type: 'message', text: l.text, timestamp: new Date(l.at), from: { id: l.sender, role: l.sender === 'user' ? 'user' : 'bot' } }) as Partial<Activity>);
    try {
      await context.sendActivity(EventFactory.createHandoffInitiation(context, summary, { activities: activities as Activity[] }));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not send handoff.initiate');
    }
  }
}

function liveChatsOf(live: readonly Handoff[], adviser: string): number {
  return live.filter((h) => h.adviser === adviser).length;
}

/** How a family can rate a chat, worst to best, and the number kept for each. */
export const CHAT_RATINGS = ['poor', 'ok', 'good'] as const;
export type ChatRating = (typeof CHAT_RATINGS)[number];
export const RATING_SCORES: Record<ChatRating, number> = { poor: 1, ok: 2, good: 3 };

/** Best first on screen, and "skip" last: the question never has to be answered. */
export function ratingChoices(responses: Presenter['responses']): MenuChoice[] {
  return [
    { value: 'good', title: responses.text('choice_rating_good') },
    { value: 'ok', title: responses.text('choice_rating_ok') },
    { value: 'poor', title: responses.text('choice_rating_poor') },
    { value: 'skip', title: responses.text('choice_skip') },
  ];
}

/** 404 or 403 from the channel's connector: the conversation no longer exists there. */
function goneStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 404 || status === 403 ? status : undefined;
}
