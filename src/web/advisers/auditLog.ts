/**
 * Who did what in the console, and when: every change an adviser makes (and each sign-in and
 * sign-out), with the id of what it touched. No family's words go in, only ids. Kept for
 * RETENTION_DAYS, then purged with the rest.
 */
import { SqlClient } from '../../storage/sql/sqlClient';

export interface AuditEntry {
  id: number;
  adviser: string;
  action: string;
  target: string | null;
  at: number;
}

export class AuditLog {
  constructor(private readonly sql: SqlClient) {}

  async record(adviser: string, action: string, target: string | undefined, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO audit_log (adviser, action, target, at) VALUES (?, ?, ?, ?)', [adviser, action, target ?? null, at.getTime()]);
  }

  /** The newest entries first. */
  recent(limit = 100): Promise<AuditEntry[]> {
    return this.sql.all<AuditEntry>('SELECT id, adviser, action, target, at FROM audit_log ORDER BY id DESC LIMIT ?', [limit]);
  }

  /** One page for the lead's view, newest first: the entries older than `before` (an entry's id), if given. */
  page(before: number | undefined, limit: number): Promise<AuditEntry[]> {
    return this.sql.all<AuditEntry>('SELECT id, adviser, action, target, at FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?', [before ?? Number.MAX_SAFE_INTEGER, limit]);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.sql.run('DELETE FROM audit_log WHERE at < ?', [cutoff.getTime()]);
  }
}
