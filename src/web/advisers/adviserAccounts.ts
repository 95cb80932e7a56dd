/** Adviser accounts and their signed-in sessions, in the database. Session tokens are stored only as hashes. */
import { createHash, randomBytes } from 'node:crypto';
import { SqlClient } from '../../storage/sql/sqlClient';
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
  constructor(private readonly sql: SqlClient, private readonly now: () => Date) {}

  async add(username: string, password: string): Promise<Adviser> {
    if (!USERNAME.test(username)) throw new Error('username: use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter');
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password: use at least ${MIN_PASSWORD_LENGTH} characters`);
    if (await this.find(username)) throw new Error(`username: '${username}' already has an account`);
    const row = await this.sql.get<{ id: number }>('INSERT INTO advisers (username, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id', [
      username,
      await hashPassword(password),
      this.now().getTime(),
    ]);
    if (!row) throw new Error(`username: '${username}' already has an account`);
    return { id: row.id, username };
  }

  async remove(username: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM advisers WHERE username = ?', [username])) === 1;
  }

  list(): Promise<Adviser[]> {
    return this.sql.all<Adviser>('SELECT id, username FROM advisers ORDER BY username');
  }

  find(username: string): Promise<(Adviser & { password_hash: string }) | undefined> {
    return this.sql.get<Adviser & { password_hash: string }>('SELECT id, username, password_hash FROM advisers WHERE username = ?', [username]);
  }

  /** The adviser, if the password is right. */
  async verify(username: string, password: string): Promise<Adviser | undefined> {
    const account = await this.find(username);
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, account?.password_hash ?? (await decoyHash));
    return account && ok ? { id: account.id, username: account.username } : undefined;
  }

  /** Starts a session; returns the token for the cookie (only its hash is stored). */
  async startSession(adviser: Adviser): Promise<{ token: string; session: Session }> {
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
    const row = await this.sql.get<{ id: number; username: string; csrf_token: string; expires_at: number }>(
      `SELECT a.id, a.username, s.csrf_token, s.expires_at FROM adviser_sessions s JOIN advisers a ON a.id = s.adviser_id
        WHERE s.token_hash = ? AND s.expires_at > ?`,
      [sha256(token), this.now().getTime()],
    );
    return row && { adviser: { id: row.id, username: row.username }, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async endSession(token: string): Promise<void> {
    await this.sql.run('DELETE FROM adviser_sessions WHERE token_hash = ?', [sha256(token)]);
  }
}
