/**
 * The shape of one knowledge base article's front matter. Validated at load so a content
 * editor who mistypes a field is told which field and which file.
 */
import { z } from 'zod';

export const AUDIENCES = ['all', 'parent', 'kinship'] as const;

export const sourceSchema = z.object({
  title: z.string().min(3),
  url: z.url().optional(),
});

export const articleFrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'),
    title: z.string().min(3).max(80),
    /** A short name for a button: channels fall back to plain lists above 20 characters. */
    button: z.string().min(2).max(20),
    audience: z.enum(AUDIENCES),
    summary: z.string().min(20).max(400),
    phrases: z.array(z.string().min(2)).min(3),
    related: z.array(z.string()).default([]),
    sources: z.array(sourceSchema).min(1),
    reviewed: z.iso.date(),
  })
  .strict();

export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;
export type ArticleSource = z.infer<typeof sourceSchema>;

export interface ArticleSection {
  heading: string;
  /** Markdown text of the section, as written (placeholders not yet filled). */
  text: string;
}

export interface Article extends ArticleFrontMatter {
  /** The article body as Markdown, placeholders not yet filled. */
  body: string;
  sections: ArticleSection[];
  file: string;
}
