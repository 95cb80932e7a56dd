/**
 * Schema changes: numbered migrations on both databases (SQLite's user_version; PostgreSQL's
 * schema_migrations table, under an advisory lock so that instances starting together migrate
 * once), and the two lists describe the same tables and columns.
 */
import { MIGRATIONS } from '../../src/storage/migrations';
import { POSTGRES_MIGRATIONS } from '../../src/storage/migrationsPostgres';
import { SqlClient } from '../../src/storage/sql/sqlClient';
import { storeBackends } from './backends';

const [sqlite, postgres] = storeBackends();

async function columnsOf(sql: SqlClient): Promise<Record<string, string[]>> {
  const rows =
    sql.dialect === 'sqlite'
      ? await sql.all<{ table_name: string; column_name: string }>(
          "SELECT m.name AS table_name, c.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
      : await sql.all<{ table_name: string; column_name: string }>(
          "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'",
        );
  const tables: Record<string, string[]> = {};
  for (const row of rows) (tables[row.table_name] ??= []).push(row.column_name);
  for (const columns of Object.values(tables)) columns.sort();
  return tables;
}

describe('migrations on SQLite', () => {
  it('are all applied once, and recorded in user_version', async () => {
    const database = await sqlite.create();
    await (await database.open()).close();
    const sql = await database.open();
    expect(await sql.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
  });
});

(postgres ? describe : describe.skip)('migrations on PostgreSQL', () => {
  it('run once when several instances start together, each version recorded once', async () => {
    const database = await postgres!.create();
    const instances = await Promise.all(Array.from({ length: 4 }, () => database.open()));
    const applied = await instances[0].all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    await database.open();
    expect(await instances[1].get('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual({ n: POSTGRES_MIGRATIONS.length });
  });

  it('give the same tables and columns as SQLite, so every store runs on both', async () => {
    const onSqlite = await columnsOf(await (await sqlite.create()).open());
    const onPostgres = await columnsOf(await (await postgres!.create()).open());
    expect(onPostgres).toEqual(onSqlite);
  });
});
