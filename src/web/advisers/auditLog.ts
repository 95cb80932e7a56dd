/**
 * Who did what in the console, and when: every change an adviser makes (and each sign-in and
 * sign-out), with the id of what it touched. No family's words go in, only ids. Kept for
 * RETENTION_DAYS, then purged with the rest.
 */
import { Db } from '../../storage/database';
import { Prepare, statementCache } from '../../storage/statements';

export interface AuditEntry {
  adviser: string;
  action: string;
  target: string | null;
  at: number;
}

export class AuditLog {
  private readonly prepare: Prepare;

  constructor(db: Db) {
    this.prepare = statementCache(db);
  }

  record(adviser: string, action: string, target: string | undefined, at: Date): void {
    this.prepare('INSERT INTO audit_log (adviser, action, target, at) VALUES (?, ?, ?, ?)').run(adviser, action, target ?? null, at.getTime());
  }

  /** The newest entries first. */
  recent(limit = 100): AuditEntry[] {
    return this.prepare<[number], AuditEntry>('SELECT adviser, action, target, at FROM audit_log ORDER BY id DESC LIMIT ?').all(limit);
  }

  purgeBefore(cutoff: Date): number {
    return this.prepare('DELETE FROM audit_log WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
