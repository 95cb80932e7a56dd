/**
 * Adviser accounts and their signed-in sessions, in the database. Session tokens are stored only as hashes.
 * An account is an adviser or a lead (who also manages accounts and reads reports); a disabled
 * account keeps its name in the audit log but can no longer sign in.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { SqlClient } from '../../storage/sql/sqlClient';
import { hashPassword, verifyPassword } from './passwordHash';

export const ROLES = ['adviser', 'lead'] as const;
export type Role = (typeof ROLES)[number];

export interface Adviser {
  id: number;
  username: string;
  role: Role;
}

/** An account as the lead's list shows it. */
export interface Account extends Adviser {
  createdAt: number;
  disabledAt: number | null;
}

export interface Session {
  adviser: Adviser;
  csrfToken: string;
  expiresAt: number;
  /** Signed in with a password a lead gave: nothing else works until they choose their own. */
  passwordChangeDue: boolean;
}

/** Usernames are short, plain and lower case, so they show safely anywhere. */
export const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;
export const MIN_PASSWORD_LENGTH = 12;
const SESSION_HOURS = 12;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A hash to compare against when the username is unknown, so a wrong name takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export class AdviserAccounts {
  constructor(private readonly sql: SqlClient, private readonly now: () => Date) {}

  /** `oneTime`: a password a lead gave, to be changed at the first sign-in. */
  async add(username: string, password: string, role: Role = 'adviser', oneTime = false): Promise<Adviser> {
    if (!USERNAME.test(username)) throw new Error('username: use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter');
    checkPassword(password);
    if (await this.find(username)) throw new Error(`username: '${username}' already has an account`);
    const row = await this.sql.get<{ id: number }>(
      'INSERT INTO advisers (username, password_hash, created_at, role, password_change_due) VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id',
      [username, await hashPassword(password), this.now().getTime(), role, oneTime ? 1 : 0],
    );
    if (!row) throw new Error(`username: '${username}' already has an account`);
    return { id: row.id, username, role };
  }

  /** Every account, disabled ones too, for the lead. */
  async accounts(): Promise<Account[]> {
    const rows = await this.sql.all<{ id: number; username: string; role: Role; created_at: number; disabled_at: number | null }>(
      'SELECT id, username, role, created_at, disabled_at FROM advisers ORDER BY username',
    );
    return rows.map((r) => ({ id: r.id, username: r.username, role: r.role, createdAt: r.created_at, disabledAt: r.disabled_at }));
  }

  /** Disables (or enables again) an account; disabling ends its sessions. False when there is no such account. */
  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const changed = (await this.sql.run('UPDATE advisers SET disabled_at = ? WHERE username = ?', [disabled ? this.now().getTime() : null, username])) === 1;
    if (changed && disabled) await this.endSessionsOf(username);
    return changed;
  }

  /** A new password; every session of that account ends, so whoever knew the old one is out. */
  async setPassword(username: string, password: string, oneTime = false): Promise<boolean> {
    checkPassword(password);
    const changed = (await this.sql.run('UPDATE advisers SET password_hash = ?, password_change_due = ? WHERE username = ?', [await hashPassword(password), oneTime ? 1 : 0, username])) === 1;
    if (changed) await this.endSessionsOf(username);
    return changed;
  }

  /**
   * The owner of a session chooses their own password (one not the same as the one they signed in
   * with); their other sessions end, this one goes on. 'same' when it is the old one again.
   */
  async changeOwnPassword(session: Session, token: string, password: string): Promise<'changed' | 'same'> {
    checkPassword(password);
    const account = await this.find(session.adviser.username);
    if (!account) throw new Error('username: this account no longer exists');
    if (await verifyPassword(password, account.password_hash)) return 'same';
    const hash = await hashPassword(password);
    await this.sql.transaction(async (tx) => {
      await tx.run('UPDATE advisers SET password_hash = ?, password_change_due = 0 WHERE id = ?', [hash, account.id]);
      await tx.run('DELETE FROM adviser_sessions WHERE adviser_id = ? AND token_hash <> ?', [account.id, sha256(token)]);
    });
    return 'changed';
  }

  async setRole(username: string, role: Role): Promise<boolean> {
    return (await this.sql.run('UPDATE advisers SET role = ? WHERE username = ?', [role, username])) === 1;
  }

  async endSessionsOf(username: string): Promise<void> {
    await this.sql.run('DELETE FROM adviser_sessions WHERE adviser_id IN (SELECT id FROM advisers WHERE username = ?)', [username]);
  }

  async remove(username: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM advisers WHERE username = ?', [username])) === 1;
  }

  list(): Promise<Adviser[]> {
    return this.sql.all<Adviser>('SELECT id, username, role FROM advisers ORDER BY username');
  }

  find(username: string): Promise<(Adviser & { password_hash: string; disabled_at: number | null }) | undefined> {
    return this.sql.get<Adviser & { password_hash: string; disabled_at: number | null }>('SELECT id, username, role, password_hash, disabled_at FROM advisers WHERE username = ?', [username]);
  }

  /** The adviser, if the password is right and the account is not disabled. */
  async verify(username: string, password: string): Promise<Adviser | undefined> {
    const account = await this.find(username);
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, account?.password_hash ?? (await decoyHash));
    return account && ok && account.disabled_at === null ? { id: account.id, username: account.username, role: account.role } : undefined;
  }

  /** Starts a session; returns the token for the cookie (only its hash is stored). */
  async startSession(adviser: Adviser): Promise<{ token: string; session: Omit<Session, 'passwordChangeDue'> }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now().getTime();
    const expiresAt = now + SESSION_HOURS * 3600 * 1000;
    await this.sql.run('DELETE FROM adviser_sessions WHERE expires_at < ?', [now]);
    await this.sql.run('INSERT INTO adviser_sessions (token_hash, adviser_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [sha256(token), adviser.id, csrfToken, now, expiresAt]);
    return { token, session: { adviser, csrfToken, expiresAt } };
  }

  async session(token: string | undefined): Promise<Session | undefined> {
    if (!token) return undefined;
    const row = await this.sql.get<{ id: number; username: string; role: Role; csrf_token: string; expires_at: number; password_change_due: number }>(
      `SELECT a.id, a.username, a.role, a.password_change_due, s.csrf_token, s.expires_at FROM adviser_sessions s JOIN advisers a ON a.id = s.adviser_id
        WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
      [sha256(token), this.now().getTime()],
    );
    return row && { adviser: { id: row.id, username: row.username, role: row.role }, csrfToken: row.csrf_token, expiresAt: row.expires_at, passwordChangeDue: row.password_change_due === 1 };
  }

  async endSession(token: string): Promise<void> {
    await this.sql.run('DELETE FROM adviser_sessions WHERE token_hash = ?', [sha256(token)]);
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password: use at least ${MIN_PASSWORD_LENGTH} characters`);
}

/** A password for a reset, shown once to the lead: 18 random characters from an alphabet without look-alikes. */
export function onePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789';
  return Array.from({ length: 18 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
