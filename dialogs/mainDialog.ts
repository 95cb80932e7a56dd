/**
 * The root of every conversation: welcomes, offers the "What is happening?" menu, and sends
 * each message where it belongs: a guided journey when it clearly names one, a knowledge base
 * answer when search is sure, the same with the next closest topics offered when it is likely
 * right, a short list to pick from when it is not, and the routes to a person after three turns
 * it could not understand. Interruptions (danger, commands) are handled by InterruptibleDialog
 * before any step here runs.
 */
import { TurnContext } from 'botbuilder';
import { DialogContext, DialogTurnResult, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MenuChoice } from '../src/channels/choices';
import { EMERGENCY_ARTICLE } from '../src/content/crisisHelp';
import { HybridOutcome } from '../src/search/hybridSearch';
import { JOURNEY_IDS, JourneyId } from '../src/content/letters';
import { Command } from '../src/language/commands';
import { AnswerDialog, ANSWER_DIALOG, AnswerOptions, DialogOutcome, Offers } from './answerDialog';
import { DeleteDataDialog, DELETE_DATA_DIALOG } from './deleteDataDialog';
import { conversationOf, DialogServices } from './dialogServices';
import { HandoffDialog, HANDOFF_DIALOG, HandoffOptions } from './handoffDialog';
import { HandoffReason } from './handoffSummaryBuilder';
import { humanRouteMessages } from './humanRoutes';
import { ConversationData } from './conversationData';
import { CRISIS_THIS_TURN, InterruptibleDialog } from './interruptibleDialog';
import { JOURNEYS } from './journeys/index';
import { JourneyDialog, journeyDialogId, JourneyOutcome } from './journeys/journeyDialog';
import { matchJourney } from './journeys/journeyTriggers';
import { MAX_SEARCH_CHARACTERS, searchWindows, STRIKES_BEFORE_HUMAN_ROUTES } from './limits';
import { NextStepsDialog, NEXT_STEPS_DIALOG } from './nextStepsDialog';
import { WAITING_DIALOG } from './waitingDialog';
import { LEAVE_MESSAGE_DIALOG, LeaveMessageDialog } from './leaveMessageDialog';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';
import { holdWelcome, sayWelcome } from './welcome';

export const MAIN_DIALOG = 'mainDialog';
const LOOP = 'mainDialog.loop';
const PROMPT = 'mainDialog.menu';
/** Topics offered beside a likely answer: two keep the list short enough to read (and to number on SMS). */
const LIKELY_ALTERNATIVES = 2;

export interface MainOptions {
  /** A message to route straight away (typed in answer to another dialog). */
  text?: string;
  /** Go straight to a person (the handoff, or the routes when closed). */
  person?: boolean;
  /** Why a person is wanted, when the bot itself offered one. */
  reason?: HandoffReason;
  /** Go straight to leaving a message for an adviser. */
  leaveMessage?: boolean;
  /** Ask for a question in the user's own words instead of showing the menu. */
  askQuestion?: boolean;
}

/** What the step after this one will receive: a typed answer, a pick from a list, or a child dialog's outcome. */
type Awaiting = 'answer' | 'pick' | 'child';
const awaiting = (step: WaterfallStepContext): Awaiting => (step.values as { awaiting?: Awaiting }).awaiting ?? 'answer';
const setAwaiting = (step: WaterfallStepContext, what: Awaiting) => ((step.values as { awaiting?: Awaiting }).awaiting = what);

export class MainDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(MAIN_DIALOG, services);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new AnswerDialog(services));
    this.addDialog(new HandoffDialog(services));
    this.addDialog(new NextStepsDialog(services));
    this.addDialog(new DeleteDataDialog(services));
    this.addDialog(new LeaveMessageDialog(services));
    for (const journey of JOURNEYS) this.addDialog(new JourneyDialog(journey, services));
    this.addDialog(
      new WaterfallDialog(LOOP, [this.listen.bind(this), this.route.bind(this), this.afterPick.bind(this), this.afterChild.bind(this), this.loop.bind(this)]),
    );
    this.initialDialogId = LOOP;
  }

  /** Welcome once; then take the message this turn brought, or offer the menu. */
  private async listen(step: WaterfallStepContext) {
    const { data, wording } = await conversationOf(this.services, step.context);
    const options = (step.options ?? {}) as MainOptions;
    const firstTurn = !data.welcomed;
    if (firstTurn) {
      data.welcomed = true;
      // Danger first on every channel: a first message answered with the emergency article gets 999 before the welcome.
      if (!step.context.turnState.get(CRISIS_THIS_TURN) && (await this.answersWithEmergency(step.context, options.text ?? step.context.activity.text))) holdWelcome(step.context);
      else await sayWelcome(this.services, step.context, wording);
    }
    if (options.person) return this.startChild(step, HANDOFF_DIALOG, { reason: options.reason ?? reasonFor(data) } satisfies HandoffOptions);
    if (options.leaveMessage) return this.startChild(step, LEAVE_MESSAGE_DIALOG, { reason: reasonFor(data) } satisfies HandoffOptions);
    const { responses } = this.services;
    if (step.context.turnState.get(CRISIS_THIS_TURN)) {
      const choices: MenuChoice[] = [
        { value: 'safe', title: responses.text('choice_safe'), synonyms: ['safe', 'carry on', 'i am ok'] },
        { value: 'person', title: responses.text('choice_person') },
      ];
      return askMenu(step, PROMPT, { text: responses.messages('crisis_follow_up', wording), choices, easyRead: wording.easyRead });
    }
    const text = options.text ?? (firstTurn ? step.context.activity.text : undefined);
    if (text?.trim() && !this.services.commands.recognise(text)) return step.next({ text } satisfies MenuAnswer);
    if (options.askQuestion) return askMenu(step, PROMPT, { text: responses.messages('ask_question', wording), choices: [], easyRead: wording.easyRead });
    const words = this.services.journeyWording;
    const choices: MenuChoice[] = [
      ...JOURNEY_IDS.map((id) => ({ value: `journey:${id}`, title: words.journey(id).button })),
      { value: 'ask', title: words.data.menu.ask_question, synonyms: ['question', 'ask'] },
      { value: 'person', title: responses.text('choice_person') },
    ];
    // The shorter easy-read prompt on SMS too, where every character costs.
    return askMenu(step, PROMPT, { text: [words.pick(words.data.menu.prompt, wording.easyRead || wording.sms)], choices, easyRead: wording.easyRead });
  }

  private async route(step: WaterfallStepContext) {
    if (awaiting(step) === 'child') return step.next(step.result);
    const answer = step.result as MenuAnswer;
    const { data, wording } = await conversationOf(this.services, step.context);
    if (answer.choice === 'person') return this.startChild(step, HANDOFF_DIALOG, { reason: reasonFor(data) } satisfies HandoffOptions);
    if (answer.choice === 'safe') return step.replaceDialog(LOOP);
    if (answer.choice === 'ask') return step.replaceDialog(LOOP, { askQuestion: true } satisfies MainOptions);
    const otherLanguage = answer.choice ? undefined : this.services.languages.detect(answer.text);
    if (otherLanguage) {
      await this.services.presenter.send(step.context, otherLanguage.reply);
      return step.replaceDialog(LOOP, { askQuestion: true } satisfies MainOptions);
    }
    const journey = answer.choice?.startsWith('journey:') ? (answer.choice.slice('journey:'.length) as JourneyId) : matchJourney(this.services.journeyWording, answer.text);
    if (journey) {
      data.strikes = 0;
      return this.startChild(step, journeyDialogId(journey));
    }
    const text = answer.text.trim();
    if (text.length > MAX_SEARCH_CHARACTERS) await this.services.presenter.say(step.context, 'long_message', wording);
    const outcome = await this.searchMostTellingPart(step.context, text);
    const [first, second] = outcome.results;
    // Two close topics that families often mix up: one question that tells them apart, even when likely.
    const clarify = second && this.services.clarifications.between(first.id, second.id);
    // Sure, or two needs in one message (its doubt is between them): answer the main one, offer the other.
    if (outcome.confidence === 'sure' || outcome.also) {
      data.strikes = 0;
      const offers: Offers | undefined = outcome.also ? { ids: [outcome.also], why: 'also_asked' } : undefined;
      return this.startChild(step, ANSWER_DIALOG, { articleId: first.id, offers } satisfies AnswerOptions);
    }
    // Likely right: answer it, and offer the next closest in case it is not.
    if (outcome.confidence === 'likely' && !clarify) {
      data.strikes = 0;
      const offers: Offers = { ids: outcome.results.slice(1, 1 + LIKELY_ALTERNATIVES).map((r) => r.id), why: 'not_what_you_meant' };
      return this.startChild(step, ANSWER_DIALOG, { articleId: first.id, offers } satisfies AnswerOptions);
    }
    if (this.struckOut(data)) return step.replaceDialog(LOOP, { person: true, reason: 'not-understood' } satisfies MainOptions);
    if (outcome.confidence === 'none') {
      if (outcome.reason) await this.services.presenter.send(step.context, [...this.services.responses.messages(outcome.reason === 'elsewhere' ? 'only_england' : 'cannot_help', wording), ...humanRouteMessages(this.services, wording)]);
      else await this.services.presenter.say(step.context, 'not_understood', wording);
      return step.replaceDialog(LOOP, { askQuestion: true } satisfies MainOptions);
    }
    setAwaiting(step, 'pick');
    const none: MenuChoice = { value: 'none', title: this.services.responses.text('choice_none'), synonyms: ['none', 'no', 'neither', 'something else'] };
    if (clarify) {
      const choices = [...clarify.options.map((o) => ({ value: o.id, title: o.label, synonyms: [this.services.knowledge.require(o.id).title] })), none];
      return askMenu(step, PROMPT, { text: [clarify.question], choices, easyRead: wording.easyRead });
    }
    const choices: MenuChoice[] = [...outcome.results.map((r) => ({ value: r.id, title: this.services.knowledge.require(r.id).button, synonyms: [r.title] })), none];
    return askMenu(step, PROMPT, { text: this.services.responses.messages('unsure', wording), choices, easyRead: wording.easyRead });
  }

  /** After a pick from the "is it one of these?" list. */
  private async afterPick(step: WaterfallStepContext) {
    if (awaiting(step) !== 'pick') return step.next(step.result);
    const answer = step.result as MenuAnswer;
    const { data, wording } = await conversationOf(this.services, step.context);
    if (answer.choice === 'none') {
      if (this.struckOut(data)) return step.replaceDialog(LOOP, { person: true, reason: 'not-understood' } satisfies MainOptions);
      await this.services.presenter.say(step.context, 'not_understood', wording);
      return step.replaceDialog(LOOP, { askQuestion: true } satisfies MainOptions);
    }
    if (answer.choice) {
      data.strikes = 0;
      return this.startChild(step, ANSWER_DIALOG, { articleId: answer.choice });
    }
    return step.replaceDialog(LOOP, { text: answer.text } satisfies MainOptions);
  }

  /** A journey that ended with its summary goes on to the next steps: letters, feedback, a person. */
  private async afterChild(step: WaterfallStepContext) {
    const result = step.result as JourneyOutcome | DialogOutcome | undefined;
    if (result && 'journeyId' in result) return this.startChild(step, NEXT_STEPS_DIALOG, result);
    return step.next(result);
  }

  /** A child dialog ended: route what the user typed in it, or go round again. */
  private async loop(step: WaterfallStepContext) {
    const outcome = (step.result ?? {}) as DialogOutcome;
    return step.replaceDialog(LOOP, { text: outcome.text, person: outcome.wantsPerson, reason: outcome.reason } satisfies MainOptions);
  }

  /** Searches each window of a long message and keeps the most telling (once a turn: the welcome check asks first). */
  private async searchMostTellingPart(context: TurnContext, text: string): Promise<HybridOutcome> {
    const earlier = context.turnState.get(SEARCHED) as { text: string; outcome: HybridOutcome } | undefined;
    if (earlier?.text === text) return earlier.outcome;
    const outcome = await this.services.search.mostTelling(searchWindows(text), 3);
    context.turnState.set(SEARCHED, { text, outcome });
    return outcome;
  }

  /** Whether route() will answer this first message with the emergency article (the same checks, in the same order). */
  private async answersWithEmergency(context: TurnContext, text: string | undefined): Promise<boolean> {
    const { commands, languages, journeyWording } = this.services;
    if (!text?.trim() || commands.recognise(text) || languages.detect(text) || matchJourney(journeyWording, text)) return false;
    const outcome = await this.searchMostTellingPart(context, text.trim());
    return outcome.confidence === 'sure' && outcome.results[0].id === EMERGENCY_ARTICLE;
  }

  private startChild(step: WaterfallStepContext, dialogId: string, options?: object) {
    setAwaiting(step, 'child');
    return step.beginDialog(dialogId, options);
  }

  protected async onCommand(innerDc: DialogContext, command: Command, midDialog: boolean): Promise<DialogTurnResult | undefined> {
    const { data } = await conversationOf(this.services, innerDc.context);
    const say = (key: string) => this.services.presenter.say(innerDc.context, key, { easyRead: data.easyRead });
    switch (command) {
      case 'person':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(LOOP, { person: true } satisfies MainOptions);
      // Where STOP is not a carrier's opt-out (src/bot/optOutMiddleware.ts), it means "stop this": the menu.
      case 'opt_out':
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(LOOP);
      case 'delete_data':
        return innerDc.beginDialog(DELETE_DATA_DIALOG);
      case 'leave_message':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(LOOP, { leaveMessage: true } satisfies MainOptions);
      case 'back':
        if (this.inJourney(innerDc)) return undefined;
        await say('back_not_here');
        break;
      case 'easy_read':
      case 'standard_words':
        data.easyRead = command === 'easy_read';
        await say(data.easyRead ? 'easy_read_on' : 'easy_read_off');
        break;
      case 'hello':
      case 'thanks':
      case 'bye':
        // Said before anything else, small talk just opens the conversation: the welcome answers it.
        // While waiting for an adviser, "hello?" means "is anyone there?": the waiting dialog answers.
        if (!midDialog || this.isActive(innerDc, WAITING_DIALOG)) return undefined;
        await say(command);
        break;
      case 'help':
        await say(command);
        break;
    }
    if (!midDialog) return undefined;
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  protected async onStale(innerDc: DialogContext, text: string): Promise<DialogTurnResult> {
    const { data } = await conversationOf(this.services, innerDc.context);
    await innerDc.cancelAllDialogs();
    await this.services.presenter.say(innerDc.context, 'welcome_back', { easyRead: data.easyRead });
    return innerDc.beginDialog(LOOP, { text } satisfies MainOptions);
  }

  /** "back" belongs to the journey when one is running. */
  private inJourney(innerDc: DialogContext): boolean {
    return innerDc.stack.some((instance) => instance.id.startsWith(journeyDialogId('')));
  }

  /** Whether a dialog is running anywhere below this one (inside the handoff dialog, say). */
  private isActive(innerDc: DialogContext, dialogId: string): boolean {
    let dc: DialogContext | undefined = innerDc;
    while (dc) {
      if (dc.activeDialog?.id === dialogId) return true;
      dc = dc.child;
    }
    return false;
  }

  /** Counts a turn not understood; true on the third in a row (time to offer a person), when counting starts again. */
  private struckOut(data: ConversationData): boolean {
    data.strikes = (data.strikes ?? 0) + 1;
    if (data.strikes < STRIKES_BEFORE_HUMAN_ROUTES) return false;
    data.strikes = 0;
    return true;
  }
}

/** This turn's search of a message, kept so the welcome check and route() search it once. */
const SEARCHED = Symbol('searchedThisTurn');

/** Why the bot is passing this conversation on: an urgent date or danger come before a plain request. */
function reasonFor(data: ConversationData): HandoffReason {
  if ((data.safetyFlags ?? []).length) return 'safety';
  if (data.journey?.urgent) return 'urgent-date';
  return 'asked';
}
