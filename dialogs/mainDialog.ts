/**
 * The root of every conversation: welcomes, listens, and sends each message where it belongs:
 * a knowledge base answer when search is sure, a short list to pick from when it is not, and the
 * routes to a person after three turns it could not understand. Interruptions (danger, commands)
 * are handled by InterruptibleDialog before any step here runs.
 */
import { DialogContext, DialogTurnResult, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MenuChoice } from '../src/channels/choices';
import { Command } from '../src/language/commands';
import { AnswerDialog, ANSWER_DIALOG, DialogOutcome } from './answerDialog';
import { conversationOf, DialogServices } from './dialogServices';
import { HumanHelpDialog, HUMAN_HELP_DIALOG } from './humanHelpDialog';
import { sendHumanRoutes } from './humanRoutes';
import { CRISIS_THIS_TURN, InterruptibleDialog } from './interruptibleDialog';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';

export const MAIN_DIALOG = 'mainDialog';
const LOOP = 'mainDialog.loop';
const PROMPT = 'mainDialog.menu';

/** Search reads at most this much of a message; the safety check always reads all of it. */
export const MAX_SEARCH_CHARACTERS = 1000;
/** After this many turns in a row not understood, offer a person. */
export const STRIKES_BEFORE_HUMAN_ROUTES = 3;

export interface MainOptions {
  /** A message to route straight away (typed in answer to another dialog). */
  text?: string;
  /** Go straight to the routes to a person. */
  person?: boolean;
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
    this.addDialog(new HumanHelpDialog(services));
    this.addDialog(new WaterfallDialog(LOOP, [this.listen.bind(this), this.route.bind(this), this.afterPick.bind(this), this.loop.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Welcome once; then take the message this turn brought, or ask for one. */
  private async listen(step: WaterfallStepContext) {
    const { data, wording } = await conversationOf(this.services, step.context);
    const options = (step.options ?? {}) as MainOptions;
    const firstTurn = !data.welcomed;
    if (firstTurn) {
      data.welcomed = true;
      await this.services.presenter.say(step.context, 'welcome', wording);
    }
    if (options.person) return this.startChild(step, HUMAN_HELP_DIALOG);
    if (step.context.turnState.get(CRISIS_THIS_TURN)) {
      const { responses } = this.services;
      const choices: MenuChoice[] = [
        { value: 'safe', title: responses.text('choice_safe'), synonyms: ['safe', 'carry on', 'i am ok'] },
        { value: 'person', title: responses.text('choice_person') },
      ];
      return askMenu(step, PROMPT, { text: responses.messages('crisis_follow_up', wording), choices, easyRead: wording.easyRead });
    }
    const text = options.text ?? (firstTurn ? step.context.activity.text : undefined);
    if (text?.trim() && !this.services.commands.recognise(text)) return step.next({ text } satisfies MenuAnswer);
    return askMenu(step, PROMPT, { text: this.services.responses.messages('ask_question', wording), choices: [], easyRead: wording.easyRead });
  }

  private async route(step: WaterfallStepContext) {
    if (awaiting(step) === 'child') return step.next(step.result);
    const answer = step.result as MenuAnswer;
    const { data, wording } = await conversationOf(this.services, step.context);
    if (answer.choice === 'person') return this.startChild(step, HUMAN_HELP_DIALOG);
    if (answer.choice === 'safe') return step.replaceDialog(LOOP);
    const text = answer.text.trim();
    if (text.length > MAX_SEARCH_CHARACTERS) await this.services.presenter.say(step.context, 'long_message', wording);
    const outcome = this.services.search.search(text.slice(0, MAX_SEARCH_CHARACTERS), 3);
    if (outcome.confidence === 'sure') {
      data.strikes = 0;
      return this.startChild(step, ANSWER_DIALOG, { articleId: outcome.results[0].id });
    }
    if (await this.struckOut(step)) return step.replaceDialog(LOOP);
    if (outcome.confidence === 'none') {
      await this.services.presenter.say(step.context, 'not_understood', wording);
      return step.replaceDialog(LOOP);
    }
    const choices: MenuChoice[] = [
      ...outcome.results.map((r) => ({ value: r.id, title: this.services.knowledge.require(r.id).button, synonyms: [r.title] })),
      { value: 'none', title: this.services.responses.text('choice_none'), synonyms: ['none', 'no', 'neither', 'something else'] },
    ];
    setAwaiting(step, 'pick');
    return askMenu(step, PROMPT, { text: this.services.responses.messages('unsure', wording), choices, easyRead: wording.easyRead });
  }

  /** After a pick from the "is it one of these?" list. */
  private async afterPick(step: WaterfallStepContext) {
    if (awaiting(step) !== 'pick') return step.next(step.result);
    const answer = step.result as MenuAnswer;
    const { data, wording } = await conversationOf(this.services, step.context);
    if (answer.choice === 'none') {
      if (!(await this.struckOut(step))) await this.services.presenter.say(step.context, 'not_understood', wording);
      return step.replaceDialog(LOOP);
    }
    if (answer.choice) {
      data.strikes = 0;
      return this.startChild(step, ANSWER_DIALOG, { articleId: answer.choice });
    }
    return step.replaceDialog(LOOP, { text: answer.text } satisfies MainOptions);
  }

  /** A child dialog ended: route what the user typed in it, or go round again. */
  private async loop(step: WaterfallStepContext) {
    const outcome = (step.result ?? {}) as DialogOutcome;
    return step.replaceDialog(LOOP, { text: outcome.text, person: outcome.wantsPerson } satisfies MainOptions);
  }

  private startChild(step: WaterfallStepContext, dialogId: string, options?: object) {
    setAwaiting(step, 'child');
    return step.beginDialog(dialogId, options);
  }

  protected async onCommand(innerDc: DialogContext, command: Command, midDialog: boolean): Promise<DialogTurnResult | undefined> {
    const { data } = await conversationOf(this.services, innerDc.context);
    switch (command) {
      case 'person':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(LOOP, { person: true } satisfies MainOptions);
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(LOOP);
      case 'easy_read':
      case 'standard_words':
        data.easyRead = command === 'easy_read';
        await this.services.presenter.say(innerDc.context, data.easyRead ? 'easy_read_on' : 'easy_read_off', { easyRead: data.easyRead });
        break;
      case 'help':
      case 'hello':
      case 'thanks':
      case 'bye':
        await this.services.presenter.say(innerDc.context, command, { easyRead: data.easyRead });
        break;
      default:
        return undefined;
    }
    if (!midDialog) return undefined;
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** Counts a turn not understood; on the third in a row, gives the human routes and starts counting again. */
  private async struckOut(step: WaterfallStepContext): Promise<boolean> {
    const { data, wording } = await conversationOf(this.services, step.context);
    data.strikes = (data.strikes ?? 0) + 1;
    if (data.strikes < STRIKES_BEFORE_HUMAN_ROUTES) return false;
    data.strikes = 0;
    await sendHumanRoutes(this.services, step.context, wording);
    return true;
  }
}
