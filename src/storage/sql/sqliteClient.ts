/**
 * The SQLite driver of the SQL client, over better-sqlite3 (synchronous, one connection).
 * Statements are prepared once each. A transaction holds the connection: statements from other
 * callers wait until it ends, so they never run inside someone else's transaction.
 */
import Database from 'better-sqlite3';
import { Db, wipeDeletedPages } from '../database';
import { BaseRunner, QueryResult, SqlClient, SqlParams, SqlRunner } from './sqlClient';

class SqliteTransaction extends BaseRunner {
  readonly dialect = 'sqlite' as const;

  constructor(private readonly execute: (sql: string, params: SqlParams) => QueryResult) {
    super();
  }

  protected async query(sql: string, params: SqlParams): Promise<QueryResult> {
    return this.execute(sql, params);
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async lockInTransaction(): Promise<void> {
    // BEGIN IMMEDIATE already holds the only writer's lock.
  }
}

export class SqliteClient extends BaseRunner implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** The transaction under way and those queued behind it; settles when the last one ends. */
  private queue: Promise<unknown> = Promise.resolve();
  private transactionOpen = false;

  constructor(readonly db: Db) {
    super();
  }

  protected async query(sql: string, params: SqlParams): Promise<QueryResult> {
    while (this.transactionOpen) await this.queue.catch(() => undefined);
    return this.execute(sql, params);
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const result = this.queue.catch(() => undefined).then(() => this.runTransaction(fn));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runTransaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    // Another caller's statement may have been waiting for the previous transaction: it ran synchronously before this point.
    this.transactionOpen = true;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = await fn(new SqliteTransaction((sql, params) => this.execute(sql, params)));
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.transactionOpen = false;
    }
  }

  async lockInTransaction(): Promise<void> {
    // Only meaningful inside a transaction, where SQLite's writer lock already serialises.
  }

  async afterErase(): Promise<void> {
    wipeDeletedPages(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private execute(sql: string, params: SqlParams): QueryResult {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    if (statement.reader) {
      const rows = statement.all(...params) as unknown[];
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: statement.run(...params).changes };
  }
}
