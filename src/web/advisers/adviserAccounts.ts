/**
 * Adviser accounts and their signed-in sessions, in SQLite. Session tokens are stored only as hashes.
 * An account is an adviser or a lead (who also manages accounts and reads reports); a disabled
 * account keeps its name in the audit log but can no longer sign in.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Db } from '../../storage/database';
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
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** `oneTime`: a password a lead gave, to be changed at the first sign-in. */
  async add(username: string, password: string, role: Role = 'adviser', oneTime = false): Promise<Adviser> {
    if (!USERNAME.test(username)) throw new Error('username: use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter');
    checkPassword(password);
    if (this.find(username)) throw new Error(`username: '${username}' already has an account`);
    const id = this.db
      .prepare('INSERT INTO advisers (username, password_hash, created_at, role, password_change_due) VALUES (?, ?, ?, ?, ?)')
      .run(username, await hashPassword(password), this.now().getTime(), role, oneTime ? 1 : 0).lastInsertRowid;
    return { id: Number(id), username, role };
  }

  /** Every account, disabled ones too, for the lead. */
  async accounts(): Promise<Account[]> {
    return this.db
      .prepare<[], { id: number; username: string; role: Role; created_at: number; disabled_at: number | null }>('SELECT id, username, role, created_at, disabled_at FROM advisers ORDER BY username')
      .all()
      .map((r) => ({ id: r.id, username: r.username, role: r.role, createdAt: r.created_at, disabledAt: r.disabled_at }));
  }

  /** Disables (or enables again) an account; disabling ends its sessions. False when there is no such account. */
  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const changed = this.db.prepare('UPDATE advisers SET disabled_at = ? WHERE username = ?').run(disabled ? this.now().getTime() : null, username).changes === 1;
    if (changed && disabled) await this.endSessionsOf(username);
    return changed;
  }

  /** A new password; every session of that account ends, so whoever knew the old one is out. */
  async setPassword(username: string, password: string, oneTime = false): Promise<boolean> {
    checkPassword(password);
    const changed = this.db.prepare('UPDATE advisers SET password_hash = ?, password_change_due = ? WHERE username = ?').run(await hashPassword(password), oneTime ? 1 : 0, username).changes === 1;
    if (changed) await this.endSessionsOf(username);
    return changed;
  }

  /**
   * The owner of a session chooses their own password (one not the same as the one they signed in
   * with); their other sessions end, this one goes on. 'same' when it is the old one again.
   */
  async changeOwnPassword(session: Session, token: string, password: string): Promise<'changed' | 'same'> {
    checkPassword(password);
    const account = this.find(session.adviser.username);
    if (!account) throw new Error('username: this account no longer exists');
    if (await verifyPassword(password, account.password_hash)) return 'same';
    this.db.prepare('UPDATE advisers SET password_hash = ?, password_change_due = 0 WHERE id = ?').run(await hashPassword(password), account.id);
    this.db.prepare('DELETE FROM adviser_sessions WHERE adviser_id = ? AND token_hash <> ?').run(account.id, sha256(token));
    return 'changed';
  }

  async setRole(username: string, role: Role): Promise<boolean> {
    return this.db.prepare('UPDATE advisers SET role = ? WHERE username = ?').run(role, username).changes === 1;
  }

  async endSessionsOf(username: string): Promise<void> {
    this.db.prepare('DELETE FROM adviser_sessions WHERE adviser_id IN (SELECT id FROM advisers WHERE username = ?)').run(username);
  }

  remove(username: string): boolean {
    return this.db.prepare('DELETE FROM advisers WHERE username = ?').run(username).changes === 1;
  }

  list(): Adviser[] {
    return this.db.prepare<[], Adviser>('SELECT id, username, role FROM advisers ORDER BY username').all();
  }

  find(username: string): (Adviser & { password_hash: string; disabled_at: number | null }) | undefined {
    return this.db
      .prepare<[string], Adviser & { password_hash: string; disabled_at: number | null }>('SELECT id, username, role, password_hash, disabled_at FROM advisers WHERE username = ?')
      .get(username);
  }

  /** The adviser, if the password is right and the account is not disabled. */
  async verify(username: string, password: string): Promise<Adviser | undefined> {
    const account = this.find(username);
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, account?.password_hash ?? (await decoyHash));
    return account && ok && account.disabled_at === null ? { id: account.id, username: account.username, role: account.role } : undefined;
  }

  /** Starts a session; returns the token for the cookie (only its hash is stored). */
  startSession(adviser: Adviser): { token: string; session: Omit<Session, 'passwordChangeDue'> } {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now().getTime();
    const expiresAt = now + SESSION_HOURS * 3600 * 1000;
    this.db.prepare('DELETE FROM adviser_sessions WHERE expires_at < ?').run(now);
    this.db.prepare('INSERT INTO adviser_sessions (token_hash, adviser_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(sha256(token), adviser.id, csrfToken, now, expiresAt);
    return { token, session: { adviser, csrfToken, expiresAt } };
  }

  session(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const row = this.db
      .prepare<[string, number], { id: number; username: string; role: Role; csrf_token: string; expires_at: number; password_change_due: number }>(
        `SELECT a.id, a.username, a.role, a.password_change_due, s.csrf_token, s.expires_at FROM adviser_sessions s JOIN advisers a ON a.id = s.adviser_id
          WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
      )
      .get(sha256(token), this.now().getTime());
    return row && { adviser: { id: row.id, username: row.username, role: row.role }, csrfToken: row.csrf_token, expiresAt: row.expires_at, passwordChangeDue: row.password_change_due === 1 };
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM adviser_sessions WHERE token_hash = ?').run(sha256(token));
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
