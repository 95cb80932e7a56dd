/**
 * "Talk to a person": the routes to a human at the advice service. The handoff issue turns
 * this into a live handoff to an adviser in webchat hours.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationOf, DialogServices } from './dialogServices';
import { sendHumanRoutes } from './humanRoutes';

export const HUMAN_HELP_DIALOG = 'humanHelpDialog';
const STEPS = 'humanHelpDialog.steps';

export class HumanHelpDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(HUMAN_HELP_DIALOG);
    this.addDialog(new WaterfallDialog(STEPS, [this.routes.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async routes(step: WaterfallStepContext) {
    const { wording } = await conversationOf(this.services, step.context);
    await sendHumanRoutes(this.services, step.context, wording);
    return step.endDialog();
  }
}
