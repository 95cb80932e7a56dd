/**
 * The base for the root dialog: before any step runs, on every turn, it acts on danger (as
 * assessed by SafetyMiddleware, which checks every message once; when it is unsure, SafetyCheck
 * asks whether anyone is in danger right now) and then on the commands that work anywhere. Feature dialogs never need to know about either. This is the CancelAndHelpDialog pattern from the Bot Framework
 * samples, checked in both onBeginDialog and onContinueDialog so the first turn is covered too.
 */
import { ActivityTypes, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { assessmentOf } from '../src/bot/safetyMiddleware';
import { crisisHelpTexts } from '../src/content/crisisHelp';
import { Command } from '../src/language/commands';
import { SafetyAssessment } from '../src/language/safetyAssessment';
import { conversationOf, DialogServices } from './dialogServices';
import { OwnChoiceLabels } from './ownChoiceLabels';
import { SafetyCheck } from './safetyCheck';

const CHECKED = Symbol('interruptionsChecked');
/** Set on the turn's state when this turn's message was a crisis. */
export const CRISIS_THIS_TURN = Symbol('crisisThisTurn');

/** What a Yes or No to the safety question makes of the message it was about. */
const SAID_YES: SafetyAssessment = { tier: 'danger', score: 1, kinds: [] };
const SAID_NO: SafetyAssessment = { tier: 'none', score: 0, kinds: [] };

export abstract class InterruptibleDialog extends ComponentDialog {
  private readonly safetyCheck: SafetyCheck;
  private readonly ownChoices: OwnChoiceLabels;

  protected constructor(id: string, protected readonly services: DialogServices) {
    super(id);
    this.safetyCheck = new SafetyCheck(services);
    this.ownChoices = new OwnChoiceLabels(services);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc, false)) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc, true);
    if (interrupted) return interrupted;
    // The conversation's first message waited for the safety question's answer: begin with it now.
    return innerDc.activeDialog ? super.onContinueDialog(innerDc) : super.onBeginDialog(innerDc);
  }

  /** A message after a long silence: whatever was half done is stale, so the conversation starts afresh. */
  protected abstract onStale(innerDc: DialogContext, text: string): Promise<DialogTurnResult>;

  /** Handles a command; returns a turn result, or undefined to let the dialog carry on as normal. */
  protected abstract onCommand(innerDc: DialogContext, command: Command, midDialog: boolean): Promise<DialogTurnResult | undefined>;

  private async interrupt(innerDc: DialogContext, midDialog: boolean): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    if (context.activity.type !== ActivityTypes.Message || context.turnState.get(CHECKED)) return undefined;
    context.turnState.set(CHECKED, true);
    const { data } = await conversationOf(this.services, context);
    const checked = this.safetyCheck.take(data, context.activity.text ?? '');
    // "No, nobody is in danger": the message the question was about carries on as if just sent.
    if (checked?.answer === 'no') context.activity.text = checked.original;
    const text = context.activity.text ?? '';
    const assessment = checked ? (checked.answer === 'yes' ? SAID_YES : SAID_NO) : assessmentOf(context);
    if (assessment.tier === 'danger') {
      await this.sendCrisisHelp(context, assessment.kinds);
      context.turnState.set(CRISIS_THIS_TURN, true);
      if (!innerDc.activeDialog) return undefined;
      const { wording } = await conversationOf(this.services, context);
      await this.services.presenter.say(context, 'crisis_follow_up', wording);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    // Commands ("menu", "help") and the bot's own button labels are never a question of danger.
    if (assessment.tier === 'check' && !this.services.commands.recognise(text) && !this.ownChoices.has(text)) {
      await this.safetyCheck.ask(context, text);
      return { status: DialogTurnStatus.waiting };
    }
    const now = this.services.now();
    const idleMs = this.services.config.CONVERSATION_IDLE_HOURS * 3600 * 1000;
    const stale = midDialog && data.lastMessageAt !== undefined && now.getTime() - Date.parse(data.lastMessageAt) > idleMs;
    data.lastMessageAt = now.toISOString();
    if (stale) return this.onStale(innerDc, text);
    const command = this.services.commands.recognise(text);
    return command ? this.onCommand(innerDc, command, midDialog) : undefined;
  }

  /** 999 and the emergency routes come first, from the help-emergency article. */
  private async sendCrisisHelp(context: TurnContext, kinds: string[]): Promise<void> {
    const { data } = await conversationOf(this.services, context);
    data.safetyFlags = [...new Set([...(data.safetyFlags ?? []), ...kinds])];
    await this.services.handoffs.flagDanger(context.activity.conversation.id, kinds);
    await this.services.presenter.send(context, crisisHelpTexts(this.services.knowledge));
  }
}
