/** Articles with facts that may have gone out of date: their `check_by` day is before today. */
import { ArticleFrontMatter } from './articleSchema';

/** `today` is a YYYY-MM-DD date, so the comparison is by calendar day. */
export function pastCheckBy<A extends Pick<ArticleFrontMatter, 'check_by'>>(articles: readonly A[], today: string): A[] {
  return articles.filter((a) => a.check_by !== undefined && a.check_by < today);
}
