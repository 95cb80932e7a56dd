/**
 * Starts the real server (restify, CloudAdapter, SQLite) on a free port with a fresh data folder.
 * With TEST_SERVER_DATABASE=postgres (and TEST_DATABASE_URL) it runs on a fresh PostgreSQL database
 * instead, kept with the data folder (a restart with the same folder finds it) and dropped with it, so
 * any HTTP test file can be run against PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { RunningServer, startServer, StartOptions } from '../../src/index';
import { FreshDatabase, freshDatabase } from '../postgres/freshDatabase';

const databases = new Map<string, FreshDatabase>();

/** The PostgreSQL database of a data folder, when the servers of this run are asked to use one. */
async function databaseFor(dir: string): Promise<FreshDatabase | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_SERVER_DATABASE !== 'postgres' || !serverUrl) return undefined;
  let database = databases.get(dir);
  if (!database) databases.set(dir, (database = await freshDatabase(serverUrl, 'server')));
  return database;
}

export interface TestServer extends RunningServer {
  dataDir: string;
  stop: (options?: { keepData?: boolean }) => Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, now?: () => Date, dataDir?: string, options: Omit<StartOptions, 'now'> = {}): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'advice-bot-'));
  const database = await databaseFor(dir);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dir, ...(database ? { DATABASE_URL: database.url } : {}), ...env });
  const running = await startServer(config, { ...options, now });
  // In-process tests expect the full search from the first message; the real server answers with lunr until then.
  await running.searchReady;
  return {
    ...running,
    dataDir: dir,
    stop: async ({ keepData } = {}) => {
      await running.close();
      if (keepData) return;
      rmSync(dir, { recursive: true, force: true });
      databases.delete(dir);
      await database?.drop();
    },
  };
}

let counter = 0;

/** Posts one activity to /api/messages with deliveryMode expectReplies; returns the status and replies. */
export async function postActivity(baseUrl: string, activity: Record<string, unknown>): Promise<{ status: number; replies: { type: string; text?: string; suggestedActions?: { actions: { title: string }[] } }[]; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `activity-${++counter}`,
      channelId: 'webchat',
      serviceUrl: 'http://localhost:1',
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: 'conversation-1' },
      deliveryMode: 'expectReplies',
      ...activity,
    }),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  return { status: response.status, replies: (body as { activities?: [] } | undefined)?.activities ?? [], body };
}

export const textOf = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '').join('\n');
