/**
 * "Your next steps": what it means, your rights, what to do now, key dates with a working-day
 * countdown, and where to get help. The words come from the articles and knowledge/journeys.yaml.
 */
import { fillPlaceholders } from '../../src/content/placeholders';
import { longDate, londonDate } from '../../src/language/dates';
import { workingDaysUntil } from '../../src/hours/workingDays';
import { firstAnswer } from '../articleText';
import { DialogServices } from '../dialogServices';
import { humanRouteMessages } from '../humanRoutes';
import { Answers, JourneyDefinition } from './journeyTypes';

export interface KeyDate {
  event: string;
  date: string;
  workingDays: number;
}

export interface JourneySummary {
  messages: string[];
  articleId: string;
  keyDate?: KeyDate;
  urgent: boolean;
  /** Whether the journey's letters fit these answers. */
  offerLetters: boolean;
}

export function buildSummary(services: DialogServices, journey: JourneyDefinition, answers: Answers, easyRead: boolean | undefined, now: Date): JourneySummary {
  const words = services.journeyWording;
  const plan = journey.plan(answers);
  const article = services.knowledge.require(plan.articleId);
  const fill = (text: string) => fillPlaceholders(text, services.serviceValues);
  const section = (pattern: RegExp) => article.sections.find((s) => pattern.test(s.heading))?.text;
  const block = (headingKey: string, ...lines: (string | undefined)[]) => [words.extra(journey.id, headingKey, easyRead), ...lines.filter(Boolean)].join('\n\n');

  const messages = [words.common('summary_title', easyRead), block('heading_means', firstAnswer(services, article, easyRead))];
  const rights = section(/your rights/i);
  if (rights) messages.push(block('heading_rights', fill(rights)));
  const doNow = [...(plan.urgentSteps ?? []).map((key) => words.extra(journey.id, key, easyRead)), section(/what you can do now/i) && fill(section(/what you can do now/i) ?? '')];
  if (doNow.some(Boolean)) messages.push(block('heading_do_now', ...doNow));
  for (const also of plan.alsoArticles ?? []) messages.push(block(also.headingKey, firstAnswer(services, services.knowledge.require(also.articleId), easyRead)));

  const keyDate = plan.date && dateOf(services, journey, answers, plan.date, now);
  const urgent = Boolean(keyDate && plan.urgentWithinWorkingDays !== undefined && keyDate.workingDays <= plan.urgentWithinWorkingDays);
  if (plan.date) messages.push(block('heading_dates', ...datesLines(services, journey, keyDate, easyRead, plan.beforeLines !== false)));
  if (urgent) messages.push(words.common('urgent_date', easyRead));
  messages.push(block('heading_help', humanRouteMessages(services, { easyRead }, { webchat: true }).join(' ')));
  return { messages, articleId: article.id, keyDate, urgent, offerLetters: plan.letters !== false };
}

function dateOf(services: DialogServices, journey: JourneyDefinition, answers: Answers, date: { questionId: string; eventKey: string }, now: Date): KeyDate | undefined {
  const answer = answers[date.questionId];
  if (answer?.kind !== 'date') return undefined;
  const events = services.journeyWording.journey(journey.id).events ?? {};
  return {
    event: events[date.eventKey] ?? events.unknown ?? '',
    date: answer.date,
    workingDays: workingDaysUntil(londonDate(now), answer.date, services.holidays),
  };
}

function datesLines(services: DialogServices, journey: JourneyDefinition, keyDate: KeyDate | undefined, easyRead: boolean | undefined, before: boolean): string[] {
  const words = services.journeyWording;
  if (!keyDate) return [words.common('no_dates', easyRead)];
  const values = { event: keyDate.event, date: longDate(keyDate.date), days: String(keyDate.workingDays) };
  const key = keyDate.workingDays === 0 ? 'date_line_today' : keyDate.workingDays === 1 ? 'date_line_one' : 'date_line';
  return [words.common(key, easyRead, values), ...(before ? words.pickAll(words.journey(journey.id).before, easyRead) : [])];
}
