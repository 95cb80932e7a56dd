/**
 * `npm run --silent ask -- --json "TEXT"` (or `--stdin`, one query a line): what search and the
 * safety detector make of a message. Prints one JSON line per query, as DESIGN.md's contract says.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/config';
import { createKnowledgeServices } from '../knowledgeServices';
import { parseArgs, runCommand } from './args';

runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), ['json', 'stdin']);
  const services = createKnowledgeServices(loadConfig({}));
  const answer = async (query: string) => {
    const outcome = await services.search.search(query, 5);
    const line = { query, crisis: services.safety.check(query).crisis, results: outcome.results };
    return args.flags.has('json') ? JSON.stringify(line) : formatHuman(line, outcome.confidence);
  };
  if (args.flags.has('stdin')) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) process.stdout.write(`${await answer(line)}\n`);
    return;
  }
  if (!args.rest.length) throw new Error('Usage: npm run --silent ask -- --json "your question"  (or --stdin)');
  process.stdout.write(`${await answer(args.rest.join(' '))}\n`);
});

function formatHuman(line: { query: string; crisis: boolean; results: { id: string; title: string; score: number }[] }, confidence: string): string {
  const rows = line.results.map((r, i) => `  ${i + 1}. ${r.id} (${r.score}) ${r.title}`);
  return [`${line.query}`, `  crisis: ${line.crisis}   confidence: ${confidence}`, ...rows].join('\n');
}
