/** Section 20: asked to agree or already agreed, where the child is, and whether you want your child home. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

export const section20Journey: JourneyDefinition = {
  id: 'section-20',
  questions: [
    { id: 'signed', kind: 'choice' },
    { id: 'where', kind: 'choice' },
    { id: 'home', kind: 'choice', askIf: (a) => choiceOf(a, 'signed') === 'signed' && choiceOf(a, 'where') !== 'home' },
  ],
  plan(answers) {
    return {
      articleId: 'cs-section-20-voluntary-accommodation',
      // Not the solicitor article: it is about letters before proceedings, which most families facing section 20 have not had.
      urgentSteps: [...(choiceOf(answers, 'home') === 'yes' ? ['want_home'] : []), 'solicitor'],
    };
  },
};
