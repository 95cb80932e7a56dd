/**
 * The test run's own PostgreSQL: the global setup started a cluster on a free port and handed its URL to
 * every worker, and it answers like a real server.
 */
import { spawnSync } from 'node:child_process';
import { postgresBinaries } from './postgres/throwawayCluster';

const url = process.env.TEST_DATABASE_URL;
const describeWithPostgres = url ? describe : describe.skip;
if (!url) console.warn('TEST_DATABASE_URL is unset (PostgreSQL is not installed): skipping the throwaway cluster test');

describeWithPostgres('the throwaway PostgreSQL cluster', () => {
  it('is reachable at TEST_DATABASE_URL on 127.0.0.1, tuned for speed', () => {
    expect(new URL(url!).hostname).toBe('127.0.0.1');
    const psql = `${postgresBinaries()}/psql`;
    const result = spawnSync(psql, [url!, '-AtXc', 'show fsync'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('off');
  });
});
