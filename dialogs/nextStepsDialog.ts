/**
 * After a journey's summary: the template letters that fit, where the summary comes from,
 * "Did this help?", a person, or start again. Letters come filled in with what the user said,
 * blanks for the rest, as text to copy.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { channelProfile } from '../src/channels/channelProfile';
import { MenuChoice } from '../src/channels/choices';
import { useSmsBudget } from '../src/channels/smsComposer';
import { fillLetter, LetterValues } from '../src/content/letters';
import { londonDate, longDate } from '../src/language/dates';
import { DialogOutcome } from './answerDialog';
import { sourcesMessages } from './articleText';
import { conversationOf, DialogServices } from './dialogServices';
import { JourneyOutcome } from './journeys/journeyDialog';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';

export const NEXT_STEPS_DIALOG = 'nextStepsDialog';
const STEPS = 'nextStepsDialog.steps';
const PROMPT = 'nextStepsDialog.menu';

interface NextStepsOptions extends JourneyOutcome {
  feedbackGiven?: boolean;
  /** The letters offer has been made once already. */
  offered?: boolean;
  /** The sources of the summary's article have been shown. */
  sourcesShown?: boolean;
}

export class NextStepsDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(NEXT_STEPS_DIALOG);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new WaterfallDialog(STEPS, [this.offer.bind(this), this.act.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async offer(step: WaterfallStepContext) {
    useSmsBudget(step.context, 'next_steps');
    const options = step.options as NextStepsOptions;
    const { wording } = await conversationOf(this.services, step.context);
    const words = this.services.journeyWording;
    const { responses } = this.services;
    const letters = options.letters.map((id) => this.services.letters.find((l) => l.id === id)).filter((l) => l !== undefined);
    const person: MenuChoice = { value: 'person', title: responses.text('choice_person') };
    const choices: MenuChoice[] = [
      ...(options.urgent ? [person] : []),
      ...letters.map((l) => ({ value: `letter:${l.id}`, title: l.button, synonyms: [l.title] })),
      ...(options.articleId && !options.sourcesShown
        ? [{ value: 'sources', title: responses.text('choice_sources'), synonyms: ['where this comes from', 'where does this come from', 'sources'] }]
        : []),
      ...(options.feedbackGiven
        ? []
        : [
            { value: 'helped', title: words.common('choice_helped'), synonyms: ['yes it helped', 'helped', 'yes'] },
            { value: 'not_helped', title: words.common('choice_not_helped'), synonyms: ['no it did not', 'not helpful', 'no'] },
          ]),
      ...(options.urgent ? [] : [person]),
      { value: 'again', title: words.common('choice_start_again'), synonyms: ['start again', 'menu'] },
    ];
    const text = [...(letters.length && !options.offered ? [words.common('letters_offer', wording.easyRead)] : []), words.common('after_summary', wording.easyRead)];
    return askMenu(step, PROMPT, { text, choices, easyRead: wording.easyRead });
  }

  private async act(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer;
    const options = { ...(step.options as NextStepsOptions), offered: true };
    const { wording } = await conversationOf(this.services, step.context);
    if (answer.choice?.startsWith('letter:')) {
      await this.sendLetter(step, answer.choice.slice('letter:'.length), options);
      return step.replaceDialog(STEPS, options);
    }
    switch (answer.choice) {
      case 'sources': {
        const article = options.articleId ? this.services.knowledge.get(options.articleId) : undefined;
        if (article) await this.services.presenter.send(step.context, sourcesMessages(this.services, article, wording));
        return step.replaceDialog(STEPS, { ...options, sourcesShown: true });
      }
      case 'helped':
      case 'not_helped':
        await this.services.feedback.record({
          conversationId: step.context.activity.conversation.id,
          journeyId: options.journeyId,
          articleId: options.articleId,
          helpful: answer.choice === 'helped',
          at: this.services.now(),
        });
        await this.services.presenter.send(step.context, [this.services.journeyWording.common('feedback_thanks', wording.easyRead)]);
        return step.replaceDialog(STEPS, { ...options, feedbackGiven: true });
      case 'person':
        return step.endDialog({ wantsPerson: true } satisfies DialogOutcome);
      case 'again':
        return step.endDialog({} satisfies DialogOutcome);
      default:
        return step.endDialog({ text: answer.text } satisfies DialogOutcome);
    }
  }

  private async sendLetter(step: WaterfallStepContext, letterId: string, options: NextStepsOptions): Promise<void> {
    const letter = this.services.letters.find((l) => l.id === letterId);
    if (!letter) return;
    const { wording } = await conversationOf(this.services, step.context);
    const values: LetterValues = { today: longDate(londonDate(this.services.now())) };
    if (options.keyDate) {
      values.meetingName = options.keyDate.event;
      values.meetingDate = longDate(options.keyDate.date);
    }
    const sms = !channelProfile(step.context.activity.channelId).buttons;
    const intro = this.services.journeyWording.common(sms ? 'letter_sms_intro' : 'letter_intro', wording.easyRead);
    await this.services.presenter.send(step.context, [intro]);
    await this.services.presenter.sendPlain(step.context, fillLetter(letter, values));
  }
}
