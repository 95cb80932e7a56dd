/** Complaining about children's services: what about, and how far the complaint has gone; then the next stage. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

export const complaintJourney: JourneyDefinition = {
  id: 'complaint',
  questions: [
    { id: 'about', kind: 'choice' },
    { id: 'stage', kind: 'choice' },
  ],
  plan(answers) {
    const stage = choiceOf(answers, 'stage') ?? 'none';
    return {
      articleId: 'cs-complaints',
      urgentSteps: [...(choiceOf(answers, 'about') === 'conference' ? ['conference_note'] : []), `next.${stage}`],
    };
  },
};
