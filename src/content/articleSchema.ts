/**
 * The shape of one knowledge base article's front matter. Validated at load so a content
 * editor who mistypes a field is told which field and which file.
 */
import { z } from 'zod';
import { MarkedSentence } from './sourceMarks';

export const AUDIENCES = ['all', 'parent', 'kinship'] as const;

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const sourceSchema = z.object({
  /** What sentences cite this source by, as `[^key]`. */
  key: z.string().regex(KEY, 'source keys are lower-case words and digits joined by hyphens'),
  title: z.string().min(3),
  url: z.url().optional(),
});

/** Easy read: each idea on its own line, 3 to 7 lines (readability is checked by tests). */
const easyReadSchema = z
  .string()
  .refine((text) => {
    const lines = text.split('\n').filter((l) => l.trim());
    return lines.length >= 3 && lines.length <= 7;
  }, 'easy read has 3 to 7 lines, one idea on each');

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
    sources: z
      .array(sourceSchema)
      .min(1)
      .superRefine((sources, ctx) => {
        const keys = sources.map((s) => s.key);
        const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
        if (twice.length) ctx.addIssue({ code: 'custom', message: `key used twice: ${[...new Set(twice)].join(', ')}` });
      }),
    /** The easy-read summary, one idea a line, used in easy-read mode. */
    easy_read: easyReadSchema,
    reviewed: z.iso.date(),
    /** When a fact here may go out of date (a pilot, a commencement date, a benefit rate). */
    check_by: z.iso.date().optional(),
    /** What to check on that date, in one line. */
    check_note: z.string().min(5).max(200).optional(),
  })
  .strict()
  .refine((a) => (a.check_by === undefined) === (a.check_note === undefined), {
    path: ['check_note'],
    message: 'check_by and check_note go together: the date and what to check',
  });

export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;
export type ArticleSource = z.infer<typeof sourceSchema>;

export interface ArticleSection {
  heading: string;
  /** Markdown text of the section, as written (placeholders not yet filled). */
  text: string;
}

export interface Article extends ArticleFrontMatter {
  /** The article body as Markdown, placeholders not yet filled, source marks removed. */
  body: string;
  sections: ArticleSection[];
  /** Every sentence of the body with the source keys it was marked with. */
  sentences: MarkedSentence[];
  file: string;
}
