/**
 * Every button label the bot itself can offer: the responses' choices, the articles' and journeys'
 * buttons, the journeys' answers and the clarifying questions' sides. A message that is just one of
 * them is a button pressed (or its label typed): the bot's own everyday words, never a reason to ask
 * "Is anyone in danger right now?". Danger itself is still acted on whatever the message is.
 */
import { KnowledgeServices } from '../src/knowledgeServices';

export class OwnChoiceLabels {
  private readonly labels: ReadonlySet<string>;

  constructor(services: Pick<KnowledgeServices, 'responses' | 'knowledge' | 'journeyWording' | 'clarifications'>) {
    const { responses, knowledge, journeyWording, clarifications } = services;
    const journeys = Object.values(journeyWording.data.journeys);
    this.labels = new Set(
      [
        ...responses.choiceLabels().map((l) => l.text),
        ...knowledge.articles.map((a) => a.button),
        ...journeys.map((j) => j.button),
        ...journeys.flatMap((j) => Object.values(j.questions).flatMap((q) => Object.values(q.choices ?? {}))),
        ...['dont_know', 'yes', 'no'].map((key) => journeyWording.common(key)),
        journeyWording.data.menu.ask_question,
        ...clarifications.pairs.flatMap((p) => p.labels),
      ].map(comparable),
    );
  }

  /** Whether the message is one of the labels, ignoring case, spacing and punctuation. */
  has(text: string): boolean {
    return this.labels.has(comparable(text));
  }
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
