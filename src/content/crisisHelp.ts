/** The danger reply: 999 and the emergency routes, from the help-emergency article, wherever danger is caught. */
import { KnowledgeBase } from './knowledgeBase';

export const EMERGENCY_ARTICLE = 'help-emergency';

export function crisisHelpTexts(knowledge: KnowledgeBase): string[] {
  const emergency = knowledge.require(EMERGENCY_ARTICLE);
  return [emergency.summary, emergency.sections.find((s) => /helpline/i.test(s.heading))?.text ?? ''].filter(Boolean);
}
