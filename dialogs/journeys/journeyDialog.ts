/**
 * Runs one guided journey: asks its short questions one at a time (any can be skipped, "I don't
 * know" is always fine, "back" goes to the previous one), confirms any date it is not sure of,
 * answers a clear question typed in the middle, and ends with the family's next steps.
 */
import { ActivityTypes, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { recognizeNumber, Culture } from '@microsoft/recognizers-text-suite';
import { channelProfile } from '../../src/channels/channelProfile';
import { MenuChoice, recogniseChoice } from '../../src/channels/choices';
import { recognizerInput } from '../../src/language/recognizerInput';
import { Letter } from '../../src/content/letters';
import { longDate, readDate } from '../../src/language/dates';
import { conversationOf, DialogServices } from '../dialogServices';
import { DialogOutcome } from '../answerDialog';
import { STRIKES_BEFORE_HUMAN_ROUTES } from '../limits';
import { buildSummary, KeyDate } from './journeySummary';
import { Answer, Answers, JourneyDefinition, Question } from './journeyTypes';

interface JourneyState {
  index: number;
  answers: Answers;
  strikes: number;
  /** A date waiting for the user's yes or no. */
  confirming?: string;
}

/** How a journey ended, for the main dialog: the next steps to offer, or text to route. */
export interface JourneyOutcome {
  journeyId: string;
  articleId?: string;
  letters: string[];
  urgent: boolean;
  keyDate?: KeyDate;
}

const UNKNOWN = 'unknown';
const YES = 'yes';
const NO = 'no';

export const journeyDialogId = (journeyId: string) => `journey.${journeyId}`;

export class JourneyDialog extends Dialog<object> {
  constructor(private readonly journey: JourneyDefinition, private readonly services: DialogServices) {
    super(journeyDialogId(journey.id));
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state: JourneyState = { index: -1, answers: {}, strikes: 0 };
    dc.activeDialog!.state = state;
    const { wording } = await conversationOf(this.services, dc.context);
    await this.services.presenter.send(dc.context, [this.services.journeyWording.common('intro', wording.easyRead)]);
    return this.advance(dc, state);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as JourneyState;
    const text = (dc.context.activity.text ?? '').trim();
    if (!text) return this.ask(dc, state);
    if (this.services.commands.recognise(text) === 'back') return this.back(dc, state);
    if (state.confirming) return this.onConfirm(dc, state, text);
    const question = this.journey.questions[state.index];
    if (this.isSkip(text)) return this.answer(dc, state, question, { kind: UNKNOWN });
    switch (question.kind) {
      case 'choice':
        return this.onChoice(dc, state, question, text);
      case 'date':
        return this.onDate(dc, state, question, text);
      case 'ages':
        return this.onAges(dc, state, question, text);
    }
  }

  /** Back from a dialog started on top of the journey (such as "delete my data"): ask the question again. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.ask(dc, dc.activeDialog!.state as JourneyState);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.sendQuestion(context, instance.state as JourneyState);
  }

  private async onChoice(dc: DialogContext, state: JourneyState, question: Question, text: string) {
    const chosen = recogniseChoice(text, this.choicesFor(question, false));
    if (chosen) return this.answer(dc, state, question, chosen.value === UNKNOWN ? { kind: UNKNOWN } : { kind: 'choice', value: chosen.value });
    return this.notUnderstood(dc, state, text, 'not_understood');
  }

  private async onDate(dc: DialogContext, state: JourneyState, question: Question, text: string) {
    const reading = readDate(text, this.messageTime(dc.context));
    const { wording } = await conversationOf(this.services, dc.context);
    switch (reading.kind) {
      case 'clear':
        return this.answer(dc, state, question, { kind: 'date', date: reading.date });
      case 'confirm':
        state.confirming = reading.date;
        return this.ask(dc, state);
      case 'past':
        await this.services.presenter.send(dc.context, [this.services.journeyWording.common('date_past', wording.easyRead, { date: longDate(reading.date) })]);
        return Dialog.EndOfTurn;
      default:
        return this.notUnderstood(dc, state, text, 'date_not_understood');
    }
  }

  private async onConfirm(dc: DialogContext, state: JourneyState, text: string) {
    const date = state.confirming!;
    const chosen = recogniseChoice(text, this.yesNo());
    state.confirming = undefined;
    const question = this.journey.questions[state.index];
    if (chosen?.value === YES) return this.answer(dc, state, question, { kind: 'date', date });
    if (chosen?.value === NO) return this.ask(dc, state);
    return this.onDate(dc, state, question, text);
  }

  private async onAges(dc: DialogContext, state: JourneyState, question: Question, text: string) {
    const ages = readAges(text);
    if (ages.length) return this.answer(dc, state, question, { kind: 'ages', ages });
    return this.notUnderstood(dc, state, text, 'ages_not_understood');
  }

  /** An answer the bot could not use: a clear question gets its answer; anything else counts as a strike. */
  private async notUnderstood(dc: DialogContext, state: JourneyState, text: string, sorryKey: string) {
    const { wording } = await conversationOf(this.services, dc.context);
    const found = this.services.search.search(text, 1);
    if (found.confidence === 'sure' && text.split(/\s+/).length >= 3) {
      const article = this.services.knowledge.require(found.results[0].id);
      await this.services.presenter.send(dc.context, [article.summary]);
      return this.ask(dc, state);
    }
    state.strikes++;
    // The third in a row: a person is offered, the same way as anywhere else in the conversation.
    if (state.strikes >= STRIKES_BEFORE_HUMAN_ROUTES) return dc.endDialog({ wantsPerson: true, reason: 'not-understood' } satisfies DialogOutcome);
    await this.services.presenter.send(dc.context, [this.services.journeyWording.common(sorryKey, wording.easyRead)]);
    return this.ask(dc, state);
  }

  private async answer(dc: DialogContext, state: JourneyState, question: Question, answer: Answer) {
    state.answers[question.id] = answer;
    state.strikes = 0;
    return this.advance(dc, state);
  }

  /** Moves to the next question that applies, or ends with the summary. */
  private async advance(dc: DialogContext, state: JourneyState): Promise<DialogTurnResult> {
    let next = state.index + 1;
    while (next < this.journey.questions.length && !this.applies(this.journey.questions[next], state.answers)) next++;
    state.index = next;
    if (next < this.journey.questions.length) return this.ask(dc, state);
    return this.finish(dc, state);
  }

  private async back(dc: DialogContext, state: JourneyState): Promise<DialogTurnResult> {
    state.confirming = undefined;
    let previous = state.index - 1;
    while (previous >= 0 && !(this.journey.questions[previous].id in state.answers)) previous--;
    if (previous < 0) {
      const { wording } = await conversationOf(this.services, dc.context);
      await this.services.presenter.send(dc.context, [this.services.journeyWording.common('nothing_to_go_back_to', wording.easyRead)]);
      return this.ask(dc, state);
    }
    for (const q of this.journey.questions.slice(previous)) delete state.answers[q.id];
    state.index = previous;
    return this.ask(dc, state);
  }

  private async ask(dc: DialogContext, state: JourneyState): Promise<DialogTurnResult> {
    await this.sendQuestion(dc.context, state);
    return Dialog.EndOfTurn;
  }

  private async sendQuestion(context: TurnContext, state: JourneyState): Promise<void> {
    const { wording } = await conversationOf(this.services, context);
    const words = this.services.journeyWording;
    if (state.confirming) {
      const prompt = words.common('date_confirm', wording.easyRead, { date: longDate(state.confirming) });
      await context.sendActivities(this.services.presenter.choiceActivities(context, prompt, this.yesNo(), wording));
      return;
    }
    const question = this.journey.questions[state.index];
    const text = words.pick(words.journey(this.journey.id).questions[question.id].text, wording.easyRead);
    const prompt = question.kind === 'choice' ? text : `${text} ${words.common(`${question.kind}_hint`, wording.easyRead)}`;
    // Numbering "I don't know" would make "1" mean it at a question whose answer may be the number 1.
    if (question.kind !== 'choice' && !channelProfile(context.activity.channelId).buttons) {
      await this.services.presenter.send(context, [`${prompt} ${words.common('skip_hint', wording.easyRead)}`]);
      return;
    }
    await context.sendActivities(this.services.presenter.choiceActivities(context, prompt, this.choicesFor(question, true), wording));
  }

  private async finish(dc: DialogContext, state: JourneyState): Promise<DialogTurnResult> {
    const { data, wording } = await conversationOf(this.services, dc.context);
    const summary = buildSummary(this.services, this.journey, state.answers, wording.easyRead, this.messageTime(dc.context));
    await this.services.presenter.send(dc.context, summary.messages);
    data.journey = { id: this.journey.id, answers: this.describeAnswers(state.answers), keyDate: summary.keyDate, urgent: summary.urgent };
    data.lastArticleId = summary.articleId;
    data.topics = [...(data.topics ?? []), summary.articleId];
    await this.services.topics.record(summary.articleId, dc.context.activity.channelId, this.services.now());
    const outcome: JourneyOutcome = {
      journeyId: this.journey.id,
      articleId: summary.articleId,
      letters: summary.offerLetters ? this.services.letters.filter((l: Letter) => l.fits.includes(this.journey.id)).map((l) => l.id) : [],
      urgent: summary.urgent,
      keyDate: summary.keyDate,
    };
    return dc.endDialog(outcome);
  }

  /** The answers in words an adviser can read ("stage: Conference soon"). */
  private describeAnswers(answers: Answers): Record<string, string> {
    const questions = this.services.journeyWording.journey(this.journey.id).questions;
    return Object.fromEntries(
      Object.entries(answers).map(([id, a]) => {
        if (a.kind === 'choice') return [id, questions[id]?.choices?.[a.value] ?? a.value];
        if (a.kind === 'date') return [id, longDate(a.date)];
        if (a.kind === 'ages') return [id, a.ages.join(', ')];
        return [id, this.services.journeyWording.common('dont_know')];
      }),
    );
  }

  private choicesFor(question: Question, forDisplay: boolean): MenuChoice[] {
    const words = this.services.journeyWording;
    const labels = words.journey(this.journey.id).questions[question.id].choices ?? {};
    const dontKnow: MenuChoice = { value: UNKNOWN, title: words.common('dont_know'), synonyms: ['skip', 'not sure'] };
    const choices = Object.entries(labels).map(([value, title]) => ({ value, title }));
    return forDisplay || question.kind === 'choice' ? [...choices, dontKnow] : choices;
  }

  private yesNo(): MenuChoice[] {
    const words = this.services.journeyWording;
    return [
      { value: YES, title: words.common('yes'), synonyms: ['yes', 'yeah', 'yep', 'y', 'correct', 'right', 'that is right'] },
      { value: NO, title: words.common('no'), synonyms: ['no', 'nope', 'n', 'wrong', 'not right'] },
    ];
  }

  private isSkip(text: string): boolean {
    const said = text.toLowerCase().replace(/[^a-z ]+/g, '').replace(/\s+/g, ' ').trim();
    const words = this.services.journeyWording.data.common.skip_words;
    return Array.isArray(words) && words.includes(said);
  }

  private applies(question: Question, answers: Answers): boolean {
    return question.askIf ? question.askIf(answers) : true;
  }

  /** Relative dates are read against when the message was sent, or now when the channel did not say. */
  private messageTime(context: TurnContext): Date {
    const sent = context.activity.timestamp ? new Date(context.activity.timestamp) : undefined;
    return sent && !Number.isNaN(sent.getTime()) ? sent : this.services.now();
  }
}

/** Ages in years from "4 and 7", "he's 4", "6 months", "a baby". */
export function readAges(text: string): number[] {
  if (/\b(baby|babies|newborn|new born|months? old|weeks? old)\b/i.test(text) && !/\d/.test(text)) return [0];
  const ages: number[] = [];
  for (const found of recognizeNumber(recognizerInput(text), Culture.English)) {
    const value = Number((found.resolution as { value?: string }).value);
    const months = new RegExp(`${found.text}\\s*(months?|mths?|weeks?)`, 'i').test(text);
    if (Number.isFinite(value) && value >= 0 && value < 26) ages.push(months ? 0 : Math.floor(value));
  }
  return ages;
}
