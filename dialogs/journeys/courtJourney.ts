/** Court: a letter before proceedings, court papers or a hearing date; when; and whether there is a solicitor yet. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

export const courtJourney: JourneyDefinition = {
  id: 'court',
  questions: [
    { id: 'stage', kind: 'choice' },
    { id: 'date', kind: 'date' },
    { id: 'solicitor', kind: 'choice' },
  ],
  plan(answers) {
    const stage = choiceOf(answers, 'stage');
    const hasSolicitor = choiceOf(answers, 'solicitor') === 'yes';
    return {
      articleId: stage === 'letter' ? 'cs-pre-proceedings-plo' : 'cs-care-proceedings',
      urgentSteps: [...(stage === 'papers' ? ['emergency_papers'] : []), ...(hasSolicitor ? [] : ['urgent_no_solicitor'])],
      alsoArticles: hasSolicitor ? [] : [{ headingKey: 'heading_solicitor', articleId: 'adv-legal-advice-solicitor' }],
      date: { questionId: 'date', eventKey: stage ?? 'unknown' },
      urgentWithinWorkingDays: 5,
    };
  },
};
