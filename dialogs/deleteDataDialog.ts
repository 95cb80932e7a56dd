/** "Delete my data": asks once to be sure, then deletes everything stored about this conversation and user. */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationOf, DialogServices } from './dialogServices';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';

export const DELETE_DATA_DIALOG = 'deleteDataDialog';
const STEPS = 'deleteDataDialog.steps';
const PROMPT = 'deleteDataDialog.confirm';

export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new WaterfallDialog(STEPS, [this.confirm.bind(this), this.act.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async confirm(step: WaterfallStepContext) {
    const { wording } = await conversationOf(this.services, step.context);
    const { responses } = this.services;
    return askMenu(step, PROMPT, {
      text: responses.messages('delete_confirm', wording),
      choices: [
        { value: 'yes', title: responses.text('choice_delete_yes'), synonyms: ['yes', 'delete', 'yes delete'] },
        { value: 'no', title: responses.text('choice_delete_no'), synonyms: ['no', 'keep', 'cancel'] },
      ],
      easyRead: wording.easyRead,
    });
  }

  private async act(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer;
    const { wording } = await conversationOf(this.services, step.context);
    if (answer.choice !== 'yes') {
      await this.services.presenter.say(step.context, 'delete_kept', wording);
      return step.endDialog();
    }
    await this.services.eraser.erase(step.context);
    await this.services.presenter.say(step.context, 'delete_done', wording);
    return step.cancelAllDialogs(true);
  }
}
