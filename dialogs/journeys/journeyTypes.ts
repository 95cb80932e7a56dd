/** The shape of a guided journey: its questions, and how its answers become a summary. */
import { JourneyId } from '../../src/content/letters';

export type Answer = { kind: 'choice'; value: string } | { kind: 'date'; date: string } | { kind: 'ages'; ages: number[] } | { kind: 'unknown' };
export type Answers = Record<string, Answer>;

export interface Question {
  id: string;
  kind: 'choice' | 'date' | 'ages';
  /** Asked only when this is true of the answers so far. */
  askIf?: (answers: Answers) => boolean;
}

export interface SummaryPlan {
  /** The article that says what it means, your rights and what to do now. */
  articleId: string;
  /** Journey texts (keys in knowledge/journeys.yaml) said first under "What you can do now". */
  urgentSteps?: string[];
  /** Other articles summed up under their own heading (a journey text key). */
  alsoArticles?: { headingKey: string; articleId: string }[];
  /** The key date, if the journey asked for one, and what to call it. */
  date?: { questionId: string; eventKey: string };
  /** Say the key date is very soon when it is this many working days away or fewer. */
  urgentWithinWorkingDays?: number;
  /** Say the journey's "before" lines (getting ready for a meeting you go to); yes unless false. */
  beforeLines?: boolean;
  /** Offer the journey's template letters; yes unless false (they may not fit these answers). */
  letters?: boolean;
}

export interface JourneyDefinition {
  id: JourneyId;
  questions: Question[];
  plan(answers: Answers): SummaryPlan;
}

export const choiceOf = (answers: Answers, id: string): string | undefined => {
  const answer = answers[id];
  return answer?.kind === 'choice' ? answer.value : undefined;
};
