/** Prepared statements, prepared once: better-sqlite3 parses SQL on every prepare(), which costs more than running it. */
import Database from 'better-sqlite3';
import { Db } from './database';

/** Mirrors better-sqlite3's generics: the bind parameters (a list or named values) and the row type. */
export type Prepare = <Params extends unknown[] | Record<string, unknown> = unknown[], Row = unknown>(sql: string) => Database.Statement<Params, Row>;

export function statementCache(db: Db): Prepare {
  const cache = new Map<string, Database.Statement>();
  return <Params extends unknown[] | Record<string, unknown> = unknown[], Row = unknown>(sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement as unknown as Database.Statement<Params, Row>;
  };
}
