/** Kinship care: how the child came to live with you, whether the council is involved, any order; then options, money and support. */
import { choiceOf, JourneyDefinition } from './journeyTypes';

const ARTICLE_BY_ORDER: Record<string, string> = {
  sgo: 'kin-special-guardianship',
  cao: 'kin-child-arrangements-order',
  care: 'kin-kinship-foster-carer',
};

export const kinshipJourney: JourneyDefinition = {
  id: 'kinship',
  questions: [
    { id: 'how', kind: 'choice' },
    { id: 'council', kind: 'choice', askIf: (a) => choiceOf(a, 'how') !== 'council' },
    { id: 'order', kind: 'choice', askIf: (a) => choiceOf(a, 'how') !== 'notyet' },
    { id: 'ages', kind: 'ages' },
  ],
  plan(answers) {
    const how = choiceOf(answers, 'how');
    const order = choiceOf(answers, 'order');
    const councilInvolved = how === 'council' || choiceOf(answers, 'council') === 'yes';
    const articleId =
      ARTICLE_BY_ORDER[order ?? ''] ??
      (how === 'council' ? 'kin-kinship-foster-carer' : how === 'family' && !councilInvolved ? 'kin-informal-arrangements' : 'kin-what-is-kinship-care');
    return {
      articleId,
      alsoArticles: [
        { headingKey: 'money_heading', articleId: 'kin-financial-support' },
        { headingKey: 'support_heading', articleId: 'help-local-support-services' },
      ],
    };
  },
};
