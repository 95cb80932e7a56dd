/**
 * Slows down password guessing without handing anyone a way to lock a real adviser out.
 *
 * - Each account is limited per address it is tried from: ten tries, then each further try must
 *   wait twice as long as the one before (30 s, 1 min, 2 min, … up to 15 min). Failures from one
 *   address therefore never lock the account for anyone at another address.
 * - Each address is also limited across all accounts, more loosely (30 failures in 15 minutes), so
 *   one address cannot try many usernames.
 * - A try counts from the moment it starts, before the slow password check: a hundred guesses sent
 *   at once meet the limit just as a hundred sent one after another do.
 *
 * Kept in the database, so every instance sharing it applies the same limit, and a restart does not
 * clear it. Only keyed hashes of usernames and addresses are stored (the key is this installation's,
 * made once in the database), never the address itself. A try
 * still in flight after a minute (its instance stopped mid-check) no longer counts.
 */
import { createHmac } from 'node:crypto';
import { SqlClient, SqlRunner } from '../../storage/sql/sqlClient';
import { installationSecret } from '../directline/installationSecrets';

const FREE_TRIES = 10;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** An account and address with no failure for this long start afresh. */
const FORGET_AFTER_MS = 15 * 60 * 1000;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const ADDRESS_MAX_FAILURES = 30;
const IN_FLIGHT_MS = 60_000;

interface AccountTries {
  failures: number;
  lastFailure: number;
  inFlight: number;
}

interface AddressTries {
  failures: number;
  oldestFailure: number | null;
  inFlight: number;
}

/** A sign-in under way: say how it ended, exactly once. */
export interface Attempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

export type Admission = { ok: true; attempt: Attempt } | { ok: false; retryAfterSeconds: number };

export class SignInLimiter {
  static async open(sql: SqlClient, now: () => Date): Promise<SignInLimiter> {
    return new SignInLimiter(sql, now, await installationSecret(sql, 'sign_in_key'));
  }

  private constructor(
    private readonly sql: SqlClient,
    private readonly now: () => Date,
    private readonly key: string,
  ) {}

  /** Lets a sign-in go ahead (and counts it at once), or says how long to wait. */
  async begin(username: string, address: string): Promise<Admission> {
    const accountKey = this.hash(`${username}\n${address}`);
    const addressKey = this.hash(address);
    const admitted = await this.sql.transaction(async (tx): Promise<{ wait: number } | { id: number }> => {
      // Tries from one address are counted and added as one step, even on several instances at once.
      await tx.lockInTransaction(`sign-in:${addressKey}`);
      const now = this.now().getTime();
      await forgetOld(tx, now);
      const account = await accountTries(tx, accountKey, now);
      const byAddress = await addressTries(tx, addressKey, now);
      const wait = Math.max(accountWait(account, now), addressWait(byAddress, now));
      if (wait > 0) return { wait };
      const row = await tx.get<{ id: number }>('INSERT INTO sign_in_tries (account_key, address_key, started_at) VALUES (?, ?, ?) RETURNING id', [accountKey, addressKey, now]);
      return { id: row!.id };
    });
    if ('wait' in admitted) return { ok: false, retryAfterSeconds: Math.ceil(admitted.wait / 1000) };
    let done = false;
    const finish = async (failed: boolean) => {
      if (done) return;
      done = true;
      const at = this.now().getTime();
      await this.sql.transaction(async (tx) => {
        // Under the same lock as begin(), which must never see a try neither in flight nor yet counted as failed.
        await tx.lockInTransaction(`sign-in:${addressKey}`);
        if (!failed) {
          await tx.run('DELETE FROM sign_in_tries WHERE id = ?', [admitted.id]);
          await tx.run('DELETE FROM sign_in_accounts WHERE account_key = ?', [accountKey]);
          return;
        }
        await tx.run('UPDATE sign_in_tries SET failed_at = ? WHERE id = ?', [at, admitted.id]);
        await tx.run(
          `INSERT INTO sign_in_accounts (account_key, failures, last_failure) VALUES (?, 1, ?)
           ON CONFLICT (account_key) DO UPDATE SET failures = sign_in_accounts.failures + 1, last_failure = excluded.last_failure`,
          [accountKey, at],
        );
      });
    };
    return { ok: true, attempt: { failed: () => finish(true), succeeded: () => finish(false) } };
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

/** What no limit can need any more: tries older than every window, accounts quiet for longer than any delay. */
async function forgetOld(tx: SqlRunner, now: number): Promise<void> {
  await tx.run('DELETE FROM sign_in_tries WHERE COALESCE(failed_at, started_at) < ?', [now - Math.max(ADDRESS_WINDOW_MS, IN_FLIGHT_MS)]);
  await tx.run('DELETE FROM sign_in_accounts WHERE last_failure < ?', [now - Math.max(FORGET_AFTER_MS, MAX_DELAY_MS)]);
}

async function accountTries(tx: SqlRunner, accountKey: string, now: number): Promise<AccountTries> {
  const stored = await tx.get<{ failures: number; last_failure: number }>('SELECT failures, last_failure FROM sign_in_accounts WHERE account_key = ?', [accountKey]);
  const inFlight = await countOf(tx, 'SELECT COUNT(*) AS n FROM sign_in_tries WHERE account_key = ? AND failed_at IS NULL AND started_at >= ?', [accountKey, now - IN_FLIGHT_MS]);
  const tries = { failures: stored?.failures ?? 0, lastFailure: stored?.last_failure ?? 0, inFlight };
  if (tries.inFlight > 0 || now - tries.lastFailure < Math.max(FORGET_AFTER_MS, delayAfter(tries.failures))) return tries;
  if (stored) await tx.run('DELETE FROM sign_in_accounts WHERE account_key = ?', [accountKey]);
  return { failures: 0, lastFailure: 0, inFlight: 0 };
}

async function addressTries(tx: SqlRunner, addressKey: string, now: number): Promise<AddressTries> {
  const failed = await tx.get<{ n: number; oldest: number | null }>('SELECT COUNT(*) AS n, MIN(failed_at) AS oldest FROM sign_in_tries WHERE address_key = ? AND failed_at >= ?', [
    addressKey,
    now - ADDRESS_WINDOW_MS,
  ]);
  const inFlight = await countOf(tx, 'SELECT COUNT(*) AS n FROM sign_in_tries WHERE address_key = ? AND failed_at IS NULL AND started_at >= ?', [addressKey, now - IN_FLIGHT_MS]);
  return { failures: failed?.n ?? 0, oldestFailure: failed?.oldest ?? null, inFlight };
}

async function countOf(tx: SqlRunner, sql: string, params: unknown[]): Promise<number> {
  return (await tx.get<{ n: number }>(sql, params))?.n ?? 0;
}

/** How long after its latest failure an account may be tried again from the same address. */
function delayAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

function accountWait(tries: AccountTries, now: number): number {
  if (tries.failures + tries.inFlight < FREE_TRIES) return 0;
  // In back-off, one try at a time: the next waits for this one's verdict.
  if (tries.inFlight > 0) return FIRST_DELAY_MS;
  return Math.max(0, tries.lastFailure + delayAfter(tries.failures) - now);
}

function addressWait(tries: AddressTries, now: number): number {
  if (tries.failures + tries.inFlight < ADDRESS_MAX_FAILURES) return 0;
  const oldest = tries.oldestFailure ?? now;
  return Math.max(1000, oldest + ADDRESS_WINDOW_MS - now);
}
