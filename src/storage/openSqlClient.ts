/**
 * Opens the database every store uses: PostgreSQL when DATABASE_URL is set (any number of
 * instances may share it), otherwise the embedded SQLite file in DATA_DIR. Either way the schema
 * is brought up to date first.
 */
import { Pool } from 'pg';
import { openDatabase } from './database';
import { POSTGRES_MIGRATIONS } from './migrationsPostgres';
import { PostgresClient } from './sql/postgresClient';
import { SqlClient } from './sql/sqlClient';
import { SqliteClient } from './sql/sqliteClient';

export interface DatabaseSettings {
  DATA_DIR: string;
  DATABASE_URL?: string;
  /** Connections each instance may hold open to PostgreSQL. */
  DATABASE_POOL_SIZE?: number;
}

export async function openSqlClient(settings: DatabaseSettings): Promise<SqlClient> {
  if (!settings.DATABASE_URL) return new SqliteClient(openDatabase(settings.DATA_DIR));
  const pool = new Pool({ connectionString: settings.DATABASE_URL, max: settings.DATABASE_POOL_SIZE ?? 10 });
  const client = new PostgresClient(pool);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}

/** Any fixed number: every instance that starts takes this lock, so only one migrates at a time. */
const MIGRATION_LOCK = 7_263_411;

/** Applies the migrations not yet recorded in schema_migrations, each in its own transaction, under an advisory lock. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    for (let version = rows[0]?.version ?? 0; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(POSTGRES_MIGRATIONS[version]);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, Date.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
