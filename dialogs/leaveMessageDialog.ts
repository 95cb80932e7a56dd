/** A message for an adviser, kept for them to read when the service is next open. */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { describeOpening } from '../src/hours/describeHours';
import { DialogOutcome } from './answerDialog';
import { conversationOf, DialogServices } from './dialogServices';
import { buildHandoffSummary } from './handoffSummaryBuilder';
import { HandoffOptions } from './handoffDialog';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';

export const LEAVE_MESSAGE_DIALOG = 'leaveMessageDialog';
const STEPS = 'leaveMessageDialog.steps';
const PROMPT = 'leaveMessageDialog.text';
/** Long enough for a real message; much longer is cut so one message cannot fill the database. */
const MAX_MESSAGE_CHARACTERS = 4000;

export class LeaveMessageDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(LEAVE_MESSAGE_DIALOG);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new WaterfallDialog(STEPS, [this.ask.bind(this), this.save.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async ask(step: WaterfallStepContext) {
    const { wording } = await conversationOf(this.services, step.context);
    return askMenu(step, PROMPT, { text: this.services.responses.messages('leave_message_prompt', wording), choices: [], easyRead: wording.easyRead });
  }

  private async save(step: WaterfallStepContext) {
    const text = (step.result as MenuAnswer).text.trim().slice(0, MAX_MESSAGE_CHARACTERS);
    const { data, wording } = await conversationOf(this.services, step.context);
    const reason = ((step.options ?? {}) as HandoffOptions).reason ?? 'asked';
    await this.services.handoffs.leaveMessage(step.context, buildHandoffSummary(this.services, data, step.context.activity.channelId, reason), text);
    const now = this.services.now();
    const opening = this.services.hours.isOpen('webchat', now) ? undefined : this.services.hours.nextOpening('webchat', now);
    await this.services.presenter.say(
      step.context,
      opening ? 'leave_message_saved' : 'leave_message_saved_soon',
      { ...wording, values: opening ? { when: describeOpening(opening, now) } : {} },
    );
    return step.endDialog({} satisfies DialogOutcome);
  }
}
