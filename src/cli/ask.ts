/**
 * `npm run --silent ask -- --json "TEXT"` (or `--stdin`, one query a line): what search and the
 * safety check make of a message. Prints one JSON line per query, as the README's command contract says:
 * `crisis` is true only for the danger tier; `safety` is the tier and `safetyScore` its score.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/config';
import { createKnowledgeServices } from '../knowledgeServices';
import { parseArgs, runCommand } from './args';

runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), ['json', 'stdin']);
  if (!args.flags.has('stdin') && !args.rest.length) throw new Error('Usage: npm run --silent ask -- --json "your question"  (or --stdin)');
  const config = loadConfig({});
  const services = createKnowledgeServices(config);
  const answer = async (query: string) => {
    const outcome = await services.search.search(query, 5);
    const assessment = await services.safetyAssessor.assess(query);
    const line: AskLine = {
      query,
      crisis: assessment.tier === 'danger',
      safety: assessment.tier,
      safetyScore: Number(assessment.score.toFixed(4)),
      results: outcome.results,
    };
    return args.flags.has('json') ? JSON.stringify(line) : formatHuman(line, outcome.confidence);
  };
  if (args.flags.has('stdin')) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) process.stdout.write(`${await answer(line)}\n`);
    return;
  }
  process.stdout.write(`${await answer(args.rest.join(' '))}\n`);
});

interface AskLine {
  query: string;
  crisis: boolean;
  safety: string;
  safetyScore: number;
  results: { id: string; title: string; score: number }[];
}

function formatHuman(line: AskLine, confidence: string): string {
  const rows = line.results.map((r, i) => `  ${i + 1}. ${r.id} (${r.score}) ${r.title}`);
  return [`${line.query}`, `  safety: ${line.safety} (${line.safetyScore})   confidence: ${confidence}`, ...rows].join('\n');
}
