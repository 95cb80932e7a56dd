/**
 * The one way stores talk to a database: a small async SQL client with two drivers, SQLite
 * (embedded, the default) and PostgreSQL (DATABASE_URL, shared by several instances). Stores
 * write one portable SQL text: `?` placeholders, `RETURNING`, `ON CONFLICT`, quoted camelCase
 * aliases. Where the databases differ the driver says so (lockInTransaction, afterErase).
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlParams = readonly unknown[];

export interface SqlRunner {
  readonly dialect: Dialect;
  /** Every row the statement returns. */
  all<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
  /** The first row, or undefined. */
  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /**
   * Runs fn in one transaction: all its statements commit together or not at all. On PostgreSQL
   * one pooled connection, BEGIN … COMMIT; on SQLite BEGIN IMMEDIATE, which takes the single
   * writer's lock at once, and other statements of this process wait until it ends.
   * Inside fn use only the runner it is given; a nested call runs in the same transaction.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: waits until no other transaction holds the lock of that name, and keeps
   * it until this one ends, so a check and the write it allows happen as one (caps, counters).
   * SQLite's writer lock already serialises every transaction, so there it does nothing.
   */
  lockInTransaction(name: string): Promise<void>;
}

export interface SqlClient extends SqlRunner {
  /** After deleting personal data: makes sure the database keeps no copy of the deleted rows. */
  afterErase(): Promise<void>;
  close(): Promise<void>;
}

/** The result of one statement as a driver returns it. */
export interface QueryResult {
  rows: unknown[];
  changes: number;
}

/** all/get/run over a driver's single query function. */
export abstract class BaseRunner implements SqlRunner {
  abstract readonly dialect: Dialect;
  protected abstract query(sql: string, params: SqlParams): Promise<QueryResult>;
  abstract transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  abstract lockInTransaction(name: string): Promise<void>;

  async all<Row>(sql: string, params: SqlParams = []): Promise<Row[]> {
    return (await this.query(sql, storable(params))).rows as Row[];
  }

  async get<Row>(sql: string, params: SqlParams = []): Promise<Row | undefined> {
    return (await this.query(sql, storable(params))).rows[0] as Row | undefined;
  }

  async run(sql: string, params: SqlParams = []): Promise<number> {
    return (await this.query(sql, storable(params))).changes;
  }
}

/**
 * PostgreSQL's text cannot hold a NUL character, which anyone can type into a chat: on both
 * databases it is kept as the replacement character (as a lone surrogate already is), so the
 * same words are stored either way.
 */
function storable(params: SqlParams): SqlParams {
  return params.some((p) => typeof p === 'string' && p.includes('\u0000')) ? params.map((p) => (typeof p === 'string' ? p.replaceAll('\u0000', '\ufffd') : p)) : params;
}
