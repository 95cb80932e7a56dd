/** Jest's global teardown: stops and removes the run's throwaway PostgreSQL cluster, passed or failed. */
import { startedCluster } from './globalSetup';
import { stopThrowawayCluster } from './throwawayCluster';

export default async function globalTeardown(): Promise<void> {
  const started = startedCluster();
  if (!started) return;
  stopThrowawayCluster(started.bin, started.cluster);
  delete process.env.TEST_DATABASE_URL;
}
