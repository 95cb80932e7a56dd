/** Child protection: where things are up to (enquiries, strategy meeting, conference, plan, review), the next meeting and the children's ages. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

const ARTICLE_BY_STAGE: Record<string, string> = {
  enquiry: 'cs-child-protection-enquiry',
  strategy: 'cs-child-protection-enquiry',
  conference: 'cs-child-protection-conference',
  plan: 'cs-child-protection-plan',
  review: 'cs-child-protection-plan',
};

export const childProtectionJourney: JourneyDefinition = {
  id: 'child-protection',
  questions: [
    { id: 'stage', kind: 'choice' },
    { id: 'date', kind: 'date' },
    { id: 'ages', kind: 'ages' },
  ],
  plan(answers) {
    const stage = choiceOf(answers, 'stage');
    // Parents do not usually take part in a strategy meeting, so there is nothing to get ready for.
    const strategy = stage === 'strategy';
    return {
      articleId: ARTICLE_BY_STAGE[stage ?? ''] ?? 'cs-child-protection-enquiry',
      urgentSteps: strategy ? ['strategy_note'] : [],
      date: { questionId: 'date', eventKey: stage ?? 'unknown' },
      urgentWithinWorkingDays: 2,
      beforeLines: !strategy,
    };
  },
};
