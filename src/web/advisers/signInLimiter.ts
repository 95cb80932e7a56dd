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
 * Kept in memory: a restart clears it, and nobody outside can make the server restart.
 */
const FREE_TRIES = 10;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** An account and address with no failure for this long start afresh. */
const FORGET_AFTER_MS = 15 * 60 * 1000;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const ADDRESS_MAX_FAILURES = 30;
/** Beyond this many tracked keys the oldest are forgotten, which only forgives part of a flood. */
const MAX_KEYS = 10_000;

interface AccountTries {
  failures: number;
  lastFailure: number;
  inFlight: number;
}

interface AddressTries {
  failures: number[];
  inFlight: number;
}

/** A sign-in under way: say how it ended, exactly once. */
export interface Attempt {
  failed(): void;
  succeeded(): void;
}

export type Admission = { ok: true; attempt: Attempt } | { ok: false; retryAfterSeconds: number };

export class SignInLimiter {
  private readonly accounts = new Map<string, AccountTries>();
  private readonly addresses = new Map<string, AddressTries>();

  constructor(private readonly now: () => Date) {}

  /** Lets a sign-in go ahead (and counts it at once), or says how long to wait. */
  begin(username: string, address: string): Admission {
    const now = this.now().getTime();
    const accountKey = `${username}\n${address}`;
    const account = this.accountTries(accountKey, now);
    const byAddress = this.addressTries(address, now);
    const wait = Math.max(accountWait(account, now), addressWait(byAddress, now));
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };

    account.inFlight += 1;
    byAddress.inFlight += 1;
    remember(this.accounts, accountKey, account);
    remember(this.addresses, address, byAddress);
    let done = false;
    const finish = (failed: boolean) => {
      if (done) return;
      done = true;
      account.inFlight -= 1;
      byAddress.inFlight -= 1;
      if (!failed) {
        this.accounts.delete(accountKey);
        return;
      }
      const at = this.now().getTime();
      account.failures += 1;
      account.lastFailure = at;
      byAddress.failures.push(at);
    };
    return { ok: true, attempt: { failed: () => finish(true), succeeded: () => finish(false) } };
  }

  private accountTries(key: string, now: number): AccountTries {
    const tries = this.accounts.get(key);
    if (tries && (tries.inFlight > 0 || now - tries.lastFailure < Math.max(FORGET_AFTER_MS, delayAfter(tries.failures)))) return tries;
    return { failures: 0, lastFailure: 0, inFlight: 0 };
  }

  private addressTries(address: string, now: number): AddressTries {
    const tries = this.addresses.get(address) ?? { failures: [], inFlight: 0 };
    tries.failures = tries.failures.filter((t) => now - t < ADDRESS_WINDOW_MS);
    return tries;
  }
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
  if (tries.failures.length + tries.inFlight < ADDRESS_MAX_FAILURES) return 0;
  const oldest = tries.failures[0] ?? now;
  return Math.max(1000, oldest + ADDRESS_WINDOW_MS - now);
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
}
