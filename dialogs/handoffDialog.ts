/**
 * "Talk to a person". In webchat hours: asks consent to pass the conversation on, asks only what
 * the adviser needs and the bot does not know yet, queues it, and waits with the user. Out of
 * hours: says exactly when webchat next opens, gives the advice line and email routes, and offers
 * to leave a message for an adviser.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MenuChoice } from '../src/channels/choices';
import { queueValues, queueWordsFor } from '../src/handoff/queueWords';
import { DialogOutcome } from './answerDialog';
import { conversationOf, DialogServices } from './dialogServices';
import { buildHandoffSummary, HandoffReason, topicKnown } from './handoffSummaryBuilder';
import { humanRouteMessages } from './humanRoutes';
import { LeaveMessageDialog, LEAVE_MESSAGE_DIALOG } from './leaveMessageDialog';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';
import { WaitingDialog, WAITING_DIALOG } from './waitingDialog';

export const HANDOFF_DIALOG = 'handoffDialog';
const STEPS = 'handoffDialog.steps';
const PROMPT = 'handoffDialog.menu';

export interface HandoffOptions {
  reason?: HandoffReason;
}

interface Values {
  open?: boolean;
  /** The other routes were given already (no adviser was signed in). */
  routesGiven?: boolean;
  inTheirWords?: string;
}

export class HandoffDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(HANDOFF_DIALOG);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new WaitingDialog(services));
    this.addDialog(new LeaveMessageDialog(services));
    this.addDialog(new WaterfallDialog(STEPS, [this.offer.bind(this), this.consented.bind(this), this.queue.bind(this), this.done.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Open: ask consent. Closed: the routes, and a message for an adviser. */
  private async offer(step: WaterfallStepContext) {
    const { wording } = await conversationOf(this.services, step.context);
    const { responses, handoffs, hours } = this.services;
    const waiting = await handoffs.openFor(step.context.activity.conversation.id);
    if (waiting) return step.replaceDialog(WAITING_DIALOG, { handoffId: waiting.id, tellPlace: true });
    // The bot is offering a person because it kept failing: say so, or the change of subject is a puzzle.
    if (this.options(step).reason === 'not-understood') await this.services.presenter.say(step.context, 'struck_out', wording);
    const now = this.services.now();
    const values = step.values as Values;
    values.open = hours.isOpen('webchat', now);
    if (values.open) {
      // Webchat hours with no adviser signed in: say so, never a made-up wait, and give the other routes first.
      values.routesGiven = (await handoffs.advisersOnline()) === 0;
      await this.services.presenter.send(
        step.context,
        values.routesGiven
          ? [...responses.messages('webchat_nobody_free', wording), ...humanRouteMessages(this.services, wording)]
          : [...responses.messages('webchat_open', wording), ...(hours.isOpen('adviceLine', now) ? responses.messages('webchat_open_line', wording) : [])],
      );
      const choices: MenuChoice[] = [
        { value: 'yes', title: responses.text('choice_pass_on'), synonyms: ['yes', 'ok', 'yes please', 'pass it on'] },
        { value: 'no', title: responses.text('choice_no_thanks'), synonyms: ['no', 'no thanks'] },
        ...(values.routesGiven ? [this.leaveMessageChoice()] : []),
      ];
      const consent = responses.messages(values.routesGiven ? 'handoff_consent_nobody_free' : 'handoff_consent', wording);
      return askMenu(step, PROMPT, { text: consent, choices, easyRead: wording.easyRead });
    }
    await this.services.presenter.send(step.context, humanRouteMessages(this.services, wording, { webchat: true }));
    const choices: MenuChoice[] = [
      this.leaveMessageChoice(),
      { value: 'again', title: responses.text('choice_start_again'), synonyms: ['menu', 'start again'] },
    ];
    return askMenu(step, PROMPT, { text: responses.messages('next_step', wording), choices, easyRead: wording.easyRead });
  }

  private async consented(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer;
    const { data, wording } = await conversationOf(this.services, step.context);
    const values = step.values as Values;
    if (answer.choice === 'message') return step.replaceDialog(LEAVE_MESSAGE_DIALOG, this.options(step));
    if (!values.open) {
      return step.endDialog((answer.choice === 'again' ? {} : { text: answer.text }) satisfies DialogOutcome);
    }
    if (answer.choice !== 'yes') {
      if (answer.choice === 'no') {
        const routes = values.routesGiven ? [] : humanRouteMessages(this.services, wording);
        await this.services.presenter.send(step.context, [...this.services.responses.messages('handoff_declined', wording), ...routes]);
        return step.endDialog({} satisfies DialogOutcome);
      }
      return step.endDialog({ text: answer.text } satisfies DialogOutcome);
    }
    if (topicKnown(data)) return step.next();
    return askMenu(step, PROMPT, { text: this.services.responses.messages('handoff_ask_topic', wording), choices: [], easyRead: wording.easyRead });
  }

  private async queue(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer | undefined;
    const said = answer?.text.trim();
    if (said && !/^(skip|dont know|don't know|not sure)$/i.test(said)) (step.values as Values).inTheirWords = said.slice(0, 500);
    const { data, wording } = await conversationOf(this.services, step.context);
    const summary = buildHandoffSummary(this.services, data, step.context.activity.channelId, this.options(step).reason ?? 'asked', (step.values as Values).inTheirWords);
    const { handoff, place } = await this.services.handoffs.enqueue(step.context, summary);
    await this.services.presenter.say(step.context, queueWordsFor('handoff_queued', place), { ...wording, values: queueValues(place) });
    return step.beginDialog(WAITING_DIALOG, { handoffId: handoff.id });
  }

  private async done(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }

  private leaveMessageChoice(): MenuChoice {
    return { value: 'message', title: this.services.responses.text('choice_leave_message'), synonyms: ['message', 'leave a message'] };
  }

  private options(step: WaterfallStepContext): HandoffOptions {
    return (step.options ?? {}) as HandoffOptions;
  }
}
