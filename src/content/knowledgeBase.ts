/**
 * Loads the curated articles from knowledge/articles, validating each file's front matter.
 * Loading fails loudly, naming the file and the field, so bad content never reaches a user.
 * Source marks are taken out here, so no rendering path can show them; the sentences keep them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Article, ArticleSection, articleFrontMatterSchema } from './articleSchema';
import { splitFrontMatter } from './frontMatter';
import { markedSentences, stripSourceMarks } from './sourceMarks';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';


export class KnowledgeBase {
  private readonly byId: Map<string, Article>;

  constructor(readonly articles: readonly Article[]) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  get(id: string): Article | undefined {
    return this.byId.get(id);
  }

  require(id: string): Article {
    const article = this.byId.get(id);
    if (!article) throw new Error(`No knowledge base article with id '${id}'`);
    return article;
  }
}

export function splitSections(body: string): ArticleSection[] {
  const sections: ArticleSection[] = [];
  for (const chunk of body.split(/^## +/m)) {
    const [heading, ...rest] = chunk.split('\n');
    const text = rest.join('\n').trim();
    if (text) sections.push({ heading: heading.trim(), text });
  }
  return sections;
}

export function parseArticle(text: string, file: string): Article {
  const { data, body } = splitFrontMatter(text, file);
  const parsed = articleFrontMatterSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
  if (!body) throw new Error(`${file}: the article has no body`);
  const shown = stripSourceMarks(body);
  return {
    ...parsed.data,
    summary: stripSourceMarks(parsed.data.summary),
    ...(parsed.data.easy_read === undefined ? {} : { easy_read: stripSourceMarks(parsed.data.easy_read) }),
    body: shown,
    sections: splitSections(shown),
    sentences: markedSentences(body),
    file,
  };
}

export interface LoadOptions {
  /** Content editors' reports load a half-written knowledge base; the bot never does. */
  allowMissingRelated?: boolean;
}

export function loadKnowledgeBase(dir = KNOWLEDGE_DIR, options: LoadOptions = {}): KnowledgeBase {
  const articleDir = join(dir, 'articles');
  const files = readdirSync(articleDir).filter((f) => f.endsWith('.md')).sort();
  const articles = files.map((f) => parseArticle(readFileSync(join(articleDir, f), 'utf8'), join('knowledge', 'articles', f)));
  const seen = new Set<string>();
  for (const article of articles) {
    if (seen.has(article.id)) throw new Error(`${article.file}: id '${article.id}' is used by another article`);
    seen.add(article.id);
  }
  for (const article of articles) {
    const unknown = article.related.filter((id) => !seen.has(id));
    if (unknown.length && !options.allowMissingRelated) throw new Error(`${article.file}: related: no article with id ${unknown.join(', ')}`);
  }
  return new KnowledgeBase(articles);
}
