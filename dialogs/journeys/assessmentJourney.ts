/** Assessments, and parents with a learning disability: which assessment, whether adjustments would help, and the next meeting. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

const ARTICLE_BY_KIND: Record<string, string> = {
  family: 'cs-assessment',
  parenting: 'cs-parenting-assessment-pams',
  prebirth: 'cs-pre-birth-assessment',
};

export const assessmentJourney: JourneyDefinition = {
  id: 'assessment',
  questions: [
    { id: 'kind', kind: 'choice' },
    { id: 'support', kind: 'choice' },
    { id: 'date', kind: 'date' },
  ],
  plan(answers) {
    const kind = choiceOf(answers, 'kind');
    const wantsSupport = choiceOf(answers, 'support') !== 'no';
    return {
      articleId: ARTICLE_BY_KIND[kind ?? ''] ?? 'cs-assessment',
      alsoArticles: wantsSupport
        ? [
            { headingKey: 'support_heading', articleId: 'ld-accessible-information' },
            { headingKey: 'heading_advocate', articleId: 'adv-independent-advocacy' },
            { headingKey: 'heading_adult_care', articleId: 'cs-adult-social-care-support' },
          ]
        : [],
      date: { questionId: 'date', eventKey: kind ?? 'unknown' },
      urgentWithinWorkingDays: 2,
    };
  },
};
