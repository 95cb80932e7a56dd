/**
 * Adviser accounts, from the command line (there is no sign-up page on purpose):
 *   npm run --silent adviser -- add NAME [--lead]   asks for the password twice (or reads it from stdin)
 *   npm run --silent adviser -- role NAME lead|adviser
 *   npm run --silent adviser -- remove NAME
 *   npm run --silent adviser -- list                each account, its role, and whether it is disabled
 * The first account made is a lead, so that someone can manage the others from the console.
 * Uses DATA_DIR from the environment or .env, like the server.
 */
import { createInterface } from 'node:readline';
import { loadEnvironmentConfig } from '../config/environment';
import { openSqlClient } from '../storage/openSqlClient';
import { AdviserAccounts, Role, ROLES } from '../web/advisers/adviserAccounts';
import { runCommand } from './args';

const USAGE = 'Usage: npm run --silent adviser -- add NAME [--lead] | role NAME lead|adviser | remove NAME | list';

/**
 * The password and, to catch a typo, the same again: typed at two prompts that do not show it, or
 * from a pipe (one line is enough there; a second line, if given, must match).
 */
async function readPasswords(): Promise<string[]> {
  if (!process.stdin.isTTY) {
    const lines: string[] = [];
    for await (const line of createInterface({ input: process.stdin })) if (lines.push(line) === 2) break;
    return lines;
  }
  return readHidden(['Password (at least 12 characters, not shown): ', 'The same password again: ']);
}

/** Answers typed at each prompt in turn, read in raw mode so nothing typed is shown. */
async function readHidden(prompts: string[]): Promise<string[]> {
  const answers: string[] = [];
  let typed = '';
  process.stderr.write(prompts[0]);
  process.stdin.setRawMode(true);
  try {
    for await (const chunk of process.stdin) {
      for (const char of String(chunk)) {
        if (char === '\u0003') process.exit(130);
        if (char !== '\r' && char !== '\n') {
          typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
          continue;
        }
        process.stderr.write('\n');
        answers.push(typed);
        typed = '';
        if (answers.length === prompts.length) return answers;
        process.stderr.write(prompts[answers.length]);
      }
    }
    return answers;
  } finally {
    process.stdin.setRawMode(false);
  }
}

/** The password, once both copies agree. */
async function newPassword(): Promise<string> {
  const [password = '', again] = await readPasswords();
  if (again !== undefined && again !== password) throw new Error('password: the two passwords do not match; nothing was changed');
  return password;
}

runCommand(async () => {
  const args = process.argv.slice(2);
  const lead = args.includes('--lead');
  const [action, name, role] = args.filter((a) => a !== '--lead');
  const sql = await openSqlClient(loadEnvironmentConfig());
  const accounts = new AdviserAccounts(sql, () => new Date());
  try {
    if (action === 'list') {
      for (const account of await accounts.accounts()) process.stdout.write(`${[account.username, account.role, ...(account.disabledAt === null ? [] : ['disabled'])].join('\t')}\n`);
    } else if (action === 'add' && name) {
      const first = (await accounts.list()).length === 0;
      await accounts.add(name, await newPassword(), lead || first ? 'lead' : 'adviser');
      process.stdout.write(lead || first ? `Added adviser ${name}, as a lead${lead ? '' : ' (the first account is one, to manage the others)'}.\n` : `Added adviser ${name}.\n`);
    } else if (action === 'role' && name && (ROLES as readonly string[]).includes(role ?? '')) {
      if (!(await accounts.setRole(name, role as Role))) throw new Error(`No adviser called ${name}`);
      process.stdout.write(`${name} is now ${role === 'lead' ? 'a lead' : 'an adviser'}.\n`);
    } else if (action === 'remove' && name) {
      if (!(await accounts.remove(name))) throw new Error(`No adviser called ${name}`);
      process.stdout.write(`Removed adviser ${name}.\n`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await sql.close();
  }
});
