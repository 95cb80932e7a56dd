/**
 * A prompt that offers choices but never traps the user in them: the answer is the choice
 * they picked (by button, number, label or a near spelling) or, failing that, whatever they
 * typed, so a question typed at any point can still be answered. Nothing, or a number not on the
 * list, asks again.
 */
import { TurnContext } from 'botbuilder';
import { DialogTurnResult, Prompt, PromptOptions, PromptRecognizerResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { MenuChoice, recogniseChoice } from '../../src/channels/choices';
import { Presenter } from '../../src/channels/presenter';

export interface MenuAnswer {
  /** The chosen choice's value, when the answer was one of the choices. */
  choice?: string;
  text: string;
}

export interface MenuPromptOptions extends PromptOptions {
  menu: {
    text: string[];
    choices: MenuChoice[];
    easyRead?: boolean;
  };
}

/** Why the last answer could not be used: nothing typed, or a number not on the list. */
type Slip = 'empty' | 'number';
interface PromptState {
  lastSlip?: Slip;
}

export class MenuPrompt extends Prompt<MenuAnswer> {
  constructor(dialogId: string, private readonly presenter: Presenter) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const { menu } = options as MenuPromptOptions;
    const why = (state as PromptState).lastSlip;
    const retryText = isRetry && why ? this.presenter.responses.messages(why === 'empty' ? 'empty_message' : 'pick_from_list', { easyRead: menu.easyRead }) : [];
    const text = [...retryText, ...menu.text];
    const lead = text.slice(0, -1);
    const question = text[text.length - 1] ?? '';
    await this.presenter.send(context, lead);
    if (menu.choices.length) await context.sendActivities(this.presenter.choiceActivities(context, question, menu.choices, { easyRead: menu.easyRead }));
    else await this.presenter.send(context, [question]);
  }

  protected async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<MenuAnswer>> {
    const text = (context.activity.text ?? '').trim();
    const slip = (kind: Slip) => {
      (state as PromptState).lastSlip = kind;
      return { succeeded: false };
    };
    if (!text) return slip('empty');
    const { choices } = (options as MenuPromptOptions).menu;
    const chosen = recogniseChoice(text, choices);
    // A number that is not on the list ("3" when there are two choices) is a slip: ask again.
    if (!chosen && choices.length && /^\d{1,2}$/.test(text)) return slip('number');
    return { succeeded: true, value: { choice: chosen?.value, text } };
  }
}

/** Starts a MenuPrompt from a waterfall step. */
export function askMenu(step: WaterfallStepContext, promptId: string, menu: MenuPromptOptions['menu']): Promise<DialogTurnResult> {
  const options: MenuPromptOptions = { menu };
  return step.prompt(promptId, options);
}
