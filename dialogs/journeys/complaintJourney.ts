/** Complaining about children's services: what about, and how far the complaint has gone; then the next stage. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

export const complaintJourney: JourneyDefinition = {
  id: 'complaint',
  questions: [
    { id: 'about', kind: 'choice' },
    { id: 'stage', kind: 'choice' },
  ],
  plan(answers) {
    // A conference decision is outside the council's usual complaints stages and their letter.
    if (choiceOf(answers, 'about') === 'conference') return { articleId: 'cs-complaints', urgentSteps: ['conference_note'], letters: false };
    return { articleId: 'cs-complaints', urgentSteps: [`next.${choiceOf(answers, 'stage') ?? 'none'}`] };
  },
};
