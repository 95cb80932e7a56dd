/**
 * The parts of an article the dialogs show besides its sections: the first answer (the summary,
 * or the easy-read version for someone who asked for easy read) and "Where this comes from".
 */
import { Article } from '../src/content/articleSchema';
import { fillPlaceholders } from '../src/content/placeholders';
import { Wording } from '../src/content/responses';
import { DialogServices } from './dialogServices';

/** Easy read keeps one idea to a line, so each line is its own paragraph. */
export function firstAnswer(services: DialogServices, article: Article, easyRead: boolean | undefined): string {
  const text = easyRead ? article.easy_read.split('\n').map((l) => l.trim()).filter(Boolean).join('\n\n') : article.summary;
  return fillPlaceholders(text, services.serviceValues);
}

/** The article's sources, each with its link when it has one. */
export function sourcesMessages(services: DialogServices, article: Article, wording: Wording): string[] {
  const list = article.sources.map((s) => (s.url ? `- [${s.title}](${s.url})` : `- ${s.title}`)).join('\n');
  return [...services.responses.messages('sources_heading', wording), list];
}
