/**
 * `npm run bench:reports`: how long the lead's reports take with 10,000 past conversations (four
 * transcript lines each, 2,500 handoffs, 10,000 articles given, 2,000 feedback answers) over the
 * last 28 days (all inside the default range of 30). Starts the real server on a temporary DATA_DIR, signs a lead in, and times the
 * reports API (the first call, then the median and slowest of 20), one CSV download, and the
 * page with its scripts (HTML, lead.js, Chart.js), over loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config';
import { startServer } from '../src/index';
import { openSqlClient } from '../src/storage/openSqlClient';
import { AdviserAccounts } from '../src/web/advisers/adviserAccounts';
import { seedHistory } from './seedHistory';

const CONVERSATIONS = 10_000;
/** Inside the default 30-day range whatever the hour now. */
const DAYS = 28;
const ROUNDS = 20;
const PASSWORD = 'a bench password of some length';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reports-bench-'));
  const now = new Date();
  const sql = await openSqlClient({ DATA_DIR: dataDir });
  const seeding = performance.now();
  await seedHistory(sql, { conversations: CONVERSATIONS, start: new Date(now.getTime() - DAYS * 86_400_000), gapMs: Math.floor((DAYS * 86_400_000 - 3_600_000) / CONVERSATIONS) });
  await new AdviserAccounts(sql, () => new Date()).add('lead', PASSWORD, 'lead');
  await sql.close();
  const seededMs = performance.now() - seeding;

  const server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    const signIn = await fetch(`${server.url}/advisers/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lead', password: PASSWORD }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.text();
    };
    const first = await timed(() => get('/advisers/api/reports'));
    const runs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await timed(() => get('/advisers/api/reports')));
    runs.sort((a, b) => a - b);
    const csv = await timed(() => get('/advisers/api/reports/contacts.csv'));
    const page = await timed(() => Promise.all([get('/advisers/reports'), get('/advisers/assets/lead.js'), get('/advisers/assets/chart.js'), get('/advisers/api/session'), get('/advisers/api/reports')]));
    const body = JSON.parse(await get('/advisers/api/reports')) as { tables: { name: string; rows: unknown[][] }[] };
    const queued = body.tables.find((t) => t.name === 'handoffs')!.rows[0][1];
    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    process.stdout.write(
      [
        `Seeded ${CONVERSATIONS} conversations over ${DAYS} days in ${f(seededMs)} (${queued} handoffs counted in the report).`,
        `Reports API: first call ${f(first)}, then median ${f(runs[Math.floor(ROUNDS / 2)])}, slowest ${f(runs[ROUNDS - 1])} of ${ROUNDS}.`,
        `One CSV download (contacts): ${f(csv)}.`,
        `The reports page with its scripts and data, fetched together: ${f(page)}.`,
      ].join('\n') + '\n',
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
