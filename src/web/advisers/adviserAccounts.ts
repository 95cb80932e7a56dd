/** Adviser accounts and their signed-in sessions, in SQLite. Session tokens are stored only as hashes. */
import { createHash, randomBytes } from 'node:crypto';
import { Db } from '../../storage/database';
import { hashPassword, verifyPassword } from './passwordHash';

export interface Adviser {
  id: number;
  username: string;
}

export interface Session {
  adviser: Adviser;
  csrfToken: string;
  expiresAt: number;
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

  async add(username: string, password: string): Promise<Adviser> {
    if (!USERNAME.test(username)) throw new Error('username: use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter');
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password: use at least ${MIN_PASSWORD_LENGTH} characters`);
    if (this.find(username)) throw new Error(`username: '${username}' already has an account`);
    const id = this.db.prepare('INSERT INTO advisers (username, password_hash, created_at) VALUES (?, ?, ?)').run(username, await hashPassword(password), this.now().getTime()).lastInsertRowid;
    return { id: Number(id), username };
  }

  remove(username: string): boolean {
    return this.db.prepare('DELETE FROM advisers WHERE username = ?').run(username).changes === 1;
  }

  list(): Adviser[] {
    return this.db.prepare<[], Adviser>('SELECT id, username FROM advisers ORDER BY username').all();
  }

  find(username: string): (Adviser & { password_hash: string }) | undefined {
    return this.db.prepare<[string], Adviser & { password_hash: string }>('SELECT id, username, password_hash FROM advisers WHERE username = ?').get(username);
  }

  /** The adviser, if the password is right. */
  async verify(username: string, password: string): Promise<Adviser | undefined> {
    const account = this.find(username);
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, account?.password_hash ?? (await decoyHash));
    return account && ok ? { id: account.id, username: account.username } : undefined;
  }

  /** Starts a session; returns the token for the cookie (only its hash is stored). */
  startSession(adviser: Adviser): { token: string; session: Session } {
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
      .prepare<[string, number], { id: number; username: string; csrf_token: string; expires_at: number }>(
        `SELECT a.id, a.username, s.csrf_token, s.expires_at FROM adviser_sessions s JOIN advisers a ON a.id = s.adviser_id
          WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(sha256(token), this.now().getTime());
    return row && { adviser: { id: row.id, username: row.username }, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM adviser_sessions WHERE token_hash = ?').run(sha256(token));
  }
}
