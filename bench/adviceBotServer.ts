/**
 * The real bot for `npm run bench`, as a child process: startServer() with SQLite state in DATA_DIR,
 * on PORT (0: a free port), logging at LOG_LEVEL (default silent), with WEBCHAT_HOURS if given. Prints its URL on stdout.
 */
import { loadConfig } from '../src/config/config';
import { startServer } from '../src/index';
import { stopWhenAsked } from './stopWhenAsked';

async function main(): Promise<void> {
  const { DATA_DIR, PORT = '0', LOG_LEVEL = 'silent', WEBCHAT_HOURS } = process.env;
  if (!DATA_DIR) throw new Error('adviceBotServer needs DATA_DIR');
  const running = await startServer(loadConfig({ PORT, LOG_LEVEL, DATA_DIR, ...(WEBCHAT_HOURS ? { WEBCHAT_HOURS } : {}) }));
  stopWhenAsked(running.close);
  process.stdout.write(`${running.url}\n`);
}

if (require.main === module) void main();
