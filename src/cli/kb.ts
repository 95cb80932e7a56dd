/** `npm run --silent kb -- --json`: every article as JSON, service details filled in from the default configuration. */
import { loadConfig } from '../config/config';
import { loadKnowledgeBase } from '../content/knowledgeBase';
import { fillPlaceholders } from '../content/placeholders';
import { serviceDetails } from '../content/serviceDetails';
import { parseArgs, runCommand } from './args';

runCommand(() => {
  const args = parseArgs(process.argv.slice(2), ['json']);
  const values = serviceDetails(loadConfig({}));
  const articles = loadKnowledgeBase().articles.map((a) => ({
    id: a.id,
    title: a.title,
    audience: a.audience,
    summary: fillPlaceholders(a.summary, values),
    body: fillPlaceholders(a.body, values),
    sources: a.sources.map((s) => ({ title: s.title, url: s.url ?? null })),
    reviewed: a.reviewed,
  }));
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(articles)}\n`);
  else for (const a of articles) process.stdout.write(`${a.id}  ${a.title}  (reviewed ${a.reviewed})\n`);
});
