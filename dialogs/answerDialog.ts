/**
 * Answers from one knowledge base article: its summary first (its easy-read version in easy read),
 * where it comes from and when it was checked, that it is not legal advice; then one section at a
 * time for "tell me more", with the full list of sources on offer from then on, related topics,
 * or a person. Other topics may be offered beside it as buttons: one the message also asked about,
 * or the next closest when search was only fairly sure. Anything else the user types ends this
 * dialog and is routed anew.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MenuChoice } from '../src/channels/choices';
import { useSmsBudget } from '../src/channels/smsComposer';
import { Article } from '../src/content/articleSchema';
import { fillPlaceholders } from '../src/content/placeholders';
import { dayMonthYear } from '../src/language/dates';
import { firstAnswer, sourcesMessages } from './articleText';
import { conversationOf, DialogServices } from './dialogServices';
import { askMenu, MenuAnswer, MenuPrompt } from './prompts/menuPrompt';
import { HandoffReason } from './handoffSummaryBuilder';
import { sayHeldWelcome } from './welcome';

export const ANSWER_DIALOG = 'answerDialog';
const STEPS = 'answerDialog.steps';
const PROMPT = 'answerDialog.menu';

export interface AnswerOptions {
  articleId: string;
  /** Which body section to show next; undefined shows the summary. */
  section?: number;
  /** The user already said whether this helped. */
  feedbackGiven?: boolean;
  /** Only ask again what to do next (after feedback), without repeating the text. */
  menuOnly?: boolean;
  /** Other topics offered beside the answer, and why (the line said above them). */
  offers?: Offers;
  /** The full list of sources has been shown. */
  sourcesShown?: boolean;
}

export interface Offers {
  ids: string[];
  /**
   * `also_asked`: the message asked about this too; `not_what_you_meant`: search was only fairly sure.
   * Each is also the name of the line in knowledge/responses.yaml said above the topics.
   */
  why: 'also_asked' | 'not_what_you_meant';
}

const OFFER = 'offer:';

/** How a child dialog ended, for the main dialog to act on: free text to route, or a person asked for. */
export interface DialogOutcome {
  text?: string;
  wantsPerson?: boolean;
  /** Why, when the bot itself decided a person should be offered. */
  reason?: HandoffReason;
}

export class AnswerDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(ANSWER_DIALOG);
    this.addDialog(new MenuPrompt(PROMPT, services.presenter));
    this.addDialog(new WaterfallDialog(STEPS, [this.show.bind(this), this.next.bind(this), this.related.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async show(step: WaterfallStepContext) {
    useSmsBudget(step.context, 'answer');
    const { articleId, section, feedbackGiven, menuOnly, sourcesShown, offers } = step.options as AnswerOptions;
    const article = this.services.knowledge.require(articleId);
    const offered = (offers?.ids ?? []).map((id) => this.services.knowledge.require(id));
    const { wording } = await conversationOf(this.services, step.context);
    const { responses } = this.services;
    if (!menuOnly) await this.sendText(step, article, section);
    await sayHeldWelcome(this.services, step.context, wording);
    const nextSection = section === undefined ? 0 : section + 1;
    const choices: MenuChoice[] = [
      ...offered.map((a) => ({ value: `${OFFER}${a.id}`, title: a.button, synonyms: [a.title] })),
      ...(nextSection < article.sections.length ? [{ value: 'more', title: responses.text('choice_more'), synonyms: ['more', 'tell me more', 'go on'] }] : []),
      ...(section !== undefined && !sourcesShown
        ? [{ value: 'sources', title: responses.text('choice_sources'), synonyms: ['where this comes from', 'where does this come from', 'sources'] }]
        : []),
      ...(feedbackGiven
        ? []
        : [
            { value: 'helped', title: responses.text('choice_helped'), synonyms: ['yes it helped', 'helped', 'yes'] },
            { value: 'not_helped', title: responses.text('choice_not_helped'), synonyms: ['not helpful', 'no'] },
          ]),
      // The topics offered when search was only fairly sure are the nearest ones already: one list is enough.
      ...(article.related.length && offers?.why !== 'not_what_you_meant' ? [{ value: 'related', title: responses.text('choice_related'), synonyms: ['related', 'other topics'] }] : []),
      { value: 'person', title: responses.text('choice_person') },
    ];
    // Said once, under the summary; the buttons stay while the article is read.
    const offerLine = offers && offered.length && section === undefined && !menuOnly ? responses.messages(offers.why, { ...wording, values: { topic: offered[0].title } }) : [];
    // One message with the question, so SMS (which may cut what comes before the list) keeps it.
    const text = [[...offerLine, ...responses.messages('next_step', wording)].join('\n')];
    return askMenu(step, PROMPT, { text, choices, easyRead: wording.easyRead });
  }

  /** The summary with its source and date, or one section of the body. */
  private async sendText(step: WaterfallStepContext, article: Article, section: number | undefined): Promise<void> {
    const { data, wording } = await conversationOf(this.services, step.context);
    const { responses, presenter, serviceValues } = this.services;
    const fill = (text: string) => fillPlaceholders(text, serviceValues);
    if (section !== undefined) {
      const shown = article.sections[section];
      // One bubble per section: its heading and its text together.
      await presenter.sendAnswer(step.context, [`${responses.text('section_heading', { values: { heading: shown.heading } })}\n\n${fill(shown.text)}`], wording);
      return;
    }
    data.lastArticleId = article.id;
    data.topics = [...(data.topics ?? []), article.id];
    await this.services.topics.record(article.id, step.context.activity.channelId, this.services.now());
    const [first, ...others] = article.sources.map((s) => s.title);
    const sources = others.length ? `${first}, and ${others.length} other ${others.length === 1 ? 'source' : 'sources'}` : first;
    // One bubble: the answer, with its source, date and "not legal advice" in one short line under it.
    const fewer = others.length ? responses.text('sources_and_others', { values: { source: first } }) : first;
    const footer = responses.text('answer_footer', { ...wording, values: { sources, fewerSources: fewer, reviewed: dayMonthYear(article.reviewed) } });
    await presenter.sendAnswer(step.context, [`${firstAnswer(this.services, article, wording.easyRead)}\n\n${footer}`], wording);
  }

  private async next(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer;
    const options = step.options as AnswerOptions;
    const { articleId, section } = options;
    const article = this.services.knowledge.require(articleId);
    const { wording } = await conversationOf(this.services, step.context);
    switch (answer.choice) {
      case 'more':
        return step.replaceDialog(STEPS, { ...options, section: section === undefined ? 0 : section + 1, menuOnly: false } satisfies AnswerOptions);
      case 'sources':
        await this.services.presenter.send(step.context, sourcesMessages(this.services, article, wording));
        return step.replaceDialog(STEPS, { ...options, sourcesShown: true, menuOnly: true } satisfies AnswerOptions);
      case 'helped':
      case 'not_helped':
        await this.services.feedback.record({ conversationId: step.context.activity.conversation.id, articleId, helpful: answer.choice === 'helped', at: this.services.now() });
        await this.services.presenter.say(step.context, 'thanks_feedback', wording);
        return step.replaceDialog(STEPS, { ...options, feedbackGiven: true, menuOnly: true } satisfies AnswerOptions);
      case 'related': {
        const choices = relatedChoices(this.services, article);
        return askMenu(step, PROMPT, { text: this.services.responses.messages('pick_related', wording), choices, easyRead: wording.easyRead });
      }
      case 'person':
        return step.endDialog({ wantsPerson: true } satisfies DialogOutcome);
      default:
        if (answer.choice?.startsWith(OFFER)) return step.replaceDialog(STEPS, { articleId: answer.choice.slice(OFFER.length) } satisfies AnswerOptions);
        return step.endDialog({ text: answer.text } satisfies DialogOutcome);
    }
  }

  private async related(step: WaterfallStepContext) {
    const answer = step.result as MenuAnswer;
    if (answer.choice) return step.replaceDialog(STEPS, { articleId: answer.choice } satisfies AnswerOptions);
    return step.endDialog({ text: answer.text } satisfies DialogOutcome);
  }
}

function relatedChoices(services: DialogServices, article: Article): MenuChoice[] {
  return article.related.map((id) => {
    const related = services.knowledge.require(id);
    return { value: id, title: related.button, synonyms: [related.title] };
  });
}
