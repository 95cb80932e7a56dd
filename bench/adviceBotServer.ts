/**
 * The real bot for `npm run bench`, as a child process: startServer() with SQLite state in DATA_DIR
 * (or PostgreSQL at DATABASE_URL), on PORT (0: a free port), logging at LOG_LEVEL (default silent), with
 * WEBCHAT_HOURS and TRUST_PROXY if given. Prints its URL on stdout.
 * With TURN_TIMINGS=1 it takes lines on stdin: "record NAME" records the turns from then on
 * under NAME; "report" prints one line, "timings " and the JSON of every NAME's stage figures.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config/config';
import { startServer } from '../src/index';
import { recordTurnTimingsInto, TurnTimings } from '../src/metrics/turnTimings';
import { stopWhenAsked } from './stopWhenAsked';

function takeTimingCommands(): void {
  const recorders = new Map<string, TurnTimings>();
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, name = ''] = line.trim().split(/\s+/);
    if (command === 'record') {
      if (!recorders.has(name)) recorders.set(name, new TurnTimings());
      recordTurnTimingsInto(recorders.get(name)!);
    } else if (command === 'report') {
      process.stdout.write(`timings ${JSON.stringify(Object.fromEntries([...recorders].map(([n, r]) => [n, r.figures()])))}\n`);
    }
  });
}

async function main(): Promise<void> {
  const { DATA_DIR, PORT = '0', LOG_LEVEL = 'silent', WEBCHAT_HOURS, TURN_TIMINGS = '0', DATABASE_URL, TRUST_PROXY } = process.env;
  if (!DATA_DIR) throw new Error('adviceBotServer needs DATA_DIR');
  const optional = { WEBCHAT_HOURS, DATABASE_URL, TRUST_PROXY };
  const given = Object.fromEntries(Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const running = await startServer(loadConfig({ PORT, LOG_LEVEL, DATA_DIR, TURN_TIMINGS, ...given }));
  stopWhenAsked(running.close);
  if (TURN_TIMINGS === '1') takeTimingCommands();
  process.stdout.write(`${running.url}\n`);
}

if (require.main === module) void main();
