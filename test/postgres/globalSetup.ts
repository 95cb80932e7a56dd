/**
 * Jest's global setup: one throwaway PostgreSQL cluster for the whole run, its URL handed to every worker
 * as TEST_DATABASE_URL (workers inherit this process's environment). A TEST_DATABASE_URL already set is
 * used as it is. Without postgresql installed (a bare `npx jest` on a machine the test command never
 * prepared) the PostgreSQL tests skip and say why.
 */
import { postgresBinaries, startThrowawayCluster, stopThrowawayCluster, ThrowawayCluster } from './throwawayCluster';

/** Jest runs setup and teardown in its main process, but only globalThis is sure to be shared between them. */
export interface StartedCluster {
  bin: string;
  cluster: ThrowawayCluster;
}
export const STARTED = Symbol.for('advice.throwawayPostgres');
type WithCluster = typeof globalThis & { [STARTED]?: StartedCluster };
export const startedCluster = (): StartedCluster | undefined => (globalThis as WithCluster)[STARTED];

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const bin = postgresBinaries();
  if (!bin) {
    process.stderr.write('\nPostgreSQL is not installed: the PostgreSQL tests will skip (`npm test` installs it).\n');
    return;
  }
  const cluster = await startThrowawayCluster(bin);
  (globalThis as WithCluster)[STARTED] = { bin, cluster };
  process.env.TEST_DATABASE_URL = cluster.url;
  // Also when jest is interrupted or crashes, not only through globalTeardown.
  process.once('exit', () => stopThrowawayCluster(bin, cluster));
}
