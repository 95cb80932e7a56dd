/**
 * Adviser accounts, from the command line (there is no sign-up page on purpose):
 *   npm run --silent adviser -- add NAME      asks for the password (or reads it from stdin)
 *   npm run --silent adviser -- remove NAME
 *   npm run --silent adviser -- list
 * Uses DATA_DIR from the environment or .env, like the server.
 */
import { createInterface } from 'node:readline';
import { loadEnvironmentConfig } from '../config/environment';
import { openDatabase } from '../storage/database';
import { AdviserAccounts } from '../web/advisers/adviserAccounts';
import { runCommand } from './args';

const USAGE = 'Usage: npm run --silent adviser -- add NAME | remove NAME | list';

/** The password from a pipe, or typed at a prompt that does not show it. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    for await (const line of createInterface({ input: process.stdin })) return line;
    return '';
  }
  process.stderr.write('Password (at least 12 characters, not shown): ');
  process.stdin.setRawMode(true);
  let password = '';
  for await (const chunk of process.stdin) {
    for (const char of String(chunk)) {
      if (char === '\r' || char === '\n') {
        process.stdin.setRawMode(false);
        process.stderr.write('\n');
        return password;
      }
      if (char === '\u0003') process.exit(130);
      password = char === '\u007f' ? password.slice(0, -1) : password + char;
    }
  }
  return password;
}

runCommand(async () => {
  const [action, name] = process.argv.slice(2);
  const db = openDatabase(loadEnvironmentConfig().DATA_DIR);
  const accounts = new AdviserAccounts(db, () => new Date());
  try {
    if (action === 'list') {
      for (const adviser of accounts.list()) process.stdout.write(`${adviser.username}\n`);
    } else if (action === 'add' && name) {
      await accounts.add(name, await readPassword());
      process.stdout.write(`Added adviser ${name}.\n`);
    } else if (action === 'remove' && name) {
      if (!accounts.remove(name)) throw new Error(`No adviser called ${name}`);
      process.stdout.write(`Removed adviser ${name}.\n`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    db.close();
  }
});
