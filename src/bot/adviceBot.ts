/**
 * The bot: thin, as in the Bot Framework samples. It runs the main dialog for every message
 * and when someone joins, and saves conversation and user state at the end of every turn.
 */
import { ActivityHandler, BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Dialog, DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { timed } from '../metrics/turnTimings';

export class AdviceBot extends ActivityHandler {
  constructor(
    private readonly states: BotState[],
    private readonly dialog: Dialog,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await timed('dialog', () => this.runDialog(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const someoneElse = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (someoneElse) await timed('dialog', () => this.runDialog(context));
      await next();
    });
    this.onDialog(async (context, next) => {
      for (const state of this.states) await state.saveChanges(context, false);
      await next();
    });
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dialogs = new DialogSet(this.dialogState);
    dialogs.add(this.dialog);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.dialog.id);
  }
}
