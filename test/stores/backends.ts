/**
 * The databases every store test runs on: SQLite always, and PostgreSQL when TEST_DATABASE_URL
 * points at a server (the test command's throwaway cluster). On PostgreSQL each test file gets a
 * database of its own, dropped after the file; each `create()` within it is a schema of its own,
 * so tests never see each other's rows. Every client opened here is closed after the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { migratePostgres, openSqlClient } from '../../src/storage/openSqlClient';
import { PostgresClient } from '../../src/storage/sql/postgresClient';
import { SqlClient } from '../../src/storage/sql/sqlClient';

/** One empty database: open() connects to it (again), as a second instance or a restart would. */
export interface TestDatabase {
  open(): Promise<SqlClient>;
}

export interface StoreBackend {
  name: 'SQLite' | 'PostgreSQL';
  create(): Promise<TestDatabase>;
}

const opened: SqlClient[] = [];
const cleanUps: (() => Promise<void>)[] = [];

/**
 * SQLite is one instance's own database (two servers never share a DATA_DIR), so a second "instance"
 * opened while the first is open shares its one connection, as two parts of one process do. Only
 * when every handle is closed does the next open() really open the file again.
 */
const sqlite: StoreBackend = {
  name: 'SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'stores-'));
    cleanUps.push(async () => rmSync(dir, { recursive: true, force: true }));
    let shared: { client: SqlClient; handles: number } | undefined;
    return {
      async open() {
        shared ??= { client: await remember(openSqlClient({ DATA_DIR: dir })), handles: 0 };
        const current = shared;
        current.handles += 1;
        const { client } = current;
        return {
          dialect: client.dialect,
          all: (sql, params) => client.all(sql, params),
          get: (sql, params) => client.get(sql, params),
          run: (sql, params) => client.run(sql, params),
          transaction: (fn) => client.transaction(fn),
          lockInTransaction: (name) => client.lockInTransaction(name),
          afterErase: () => client.afterErase(),
          async close() {
            current.handles -= 1;
            if (current.handles > 0) return;
            if (shared === current) shared = undefined;
            await client.close();
          },
        } satisfies SqlClient;
      },
    };
  },
};

let fileDatabase: Promise<string> | undefined;

/** This file's own database on the test server, made on first use. */
function postgresDatabase(serverUrl: string): Promise<string> {
  fileDatabase ??= (async () => {
    const name = `stores_${randomBytes(5).toString('hex')}`;
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    cleanUps.push(() => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  return fileDatabase;
}

function postgres(serverUrl: string): StoreBackend {
  return {
    name: 'PostgreSQL',
    async create() {
      const url = await postgresDatabase(serverUrl);
      const schema = `s_${randomBytes(5).toString('hex')}`;
      await onServer(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
      return {
        open: () =>
          remember(
            (async () => {
              const pool = new Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 5 });
              await migratePostgres(pool);
              return new PostgresClient(pool);
            })(),
          ),
      };
    },
  };
}

/** The backends to run on; name them in describe.each as '%s' or '$name'. */
export function storeBackends(): StoreBackend[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url)] : [sqlite];
}

afterAll(async () => {
  for (const client of opened.splice(0)) await client.close().catch(() => undefined);
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function remember(client: Promise<SqlClient>): Promise<SqlClient> {
  const sql = await client;
  opened.push(sql);
  return sql;
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
