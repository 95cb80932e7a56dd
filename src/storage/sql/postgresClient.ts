/**
 * The PostgreSQL driver of the SQL client, over node-postgres' connection pool. Stores' `?`
 * placeholders become `$1, $2, …`; 64-bit integers and numerics come back as JavaScript numbers
 * (every one stored here, milliseconds since 1970 included, is far below 2^53).
 */
import { Pool, PoolClient, types } from 'pg';
import { BaseRunner, QueryResult, SqlClient, SqlParams, SqlRunner } from './sqlClient';

const INT8 = 20;
const NUMERIC = 1700;

/** Type parsers for this pool only, so nothing else in the process that uses pg is changed. */
const numberTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};

const numbered = new Map<string, string>();

/** `?` outside quoted text becomes `$n`, in order. */
export function toNumberedPlaceholders(sql: string): string {
  let converted = numbered.get(sql);
  if (converted !== undefined) return converted;
  let n = 0;
  let quote: string | undefined;
  converted = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '?') {
      converted += `$${++n}`;
      continue;
    }
    converted += ch;
  }
  numbered.set(sql, converted);
  return converted;
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

async function runQuery(on: Queryable, sql: string, params: SqlParams): Promise<QueryResult> {
  const result = await on.query({ text: toNumberedPlaceholders(sql), values: [...params], types: numberTypes });
  return { rows: result.rows, changes: result.rowCount ?? 0 };
}

/** Turns a lock's name into the 64-bit key pg_advisory_xact_lock takes. */
const LOCK_KEY = 'SELECT pg_advisory_xact_lock(hashtextextended(?, 0))';

class PostgresTransaction extends BaseRunner {
  readonly dialect = 'postgres' as const;

  constructor(private readonly client: PoolClient) {
    super();
  }

  protected query(sql: string, params: SqlParams): Promise<QueryResult> {
    return runQuery(this.client, sql, params);
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async lockInTransaction(name: string): Promise<void> {
    await this.query(LOCK_KEY, [name]);
  }
}

export class PostgresClient extends BaseRunner implements SqlClient {
  readonly dialect = 'postgres' as const;

  constructor(readonly pool: Pool) {
    super();
    // An idle connection the server drops (a restart, a failover) must not crash the process; the pool makes a new one.
    pool.on('error', () => undefined);
  }

  protected query(sql: string, params: SqlParams): Promise<QueryResult> {
    return runQuery(this.pool, sql, params);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(new PostgresTransaction(client));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async lockInTransaction(): Promise<void> {
    throw new Error('lockInTransaction: call it on the runner a transaction gives you');
  }

  async afterErase(): Promise<void> {
    // PostgreSQL reuses a deleted row's space once VACUUM (autovacuum) has run; nothing faster is on offer to a client.
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
