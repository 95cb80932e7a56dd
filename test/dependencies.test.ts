/**
 * The installed tree agrees with itself: no package sits beside a peer it does not accept. (Web
 * Chat's React peer was once resolved to React 19, which its react-redux 7 refuses; `npm ci` then
 * printed 42 lines of ERESOLVE warnings.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the dependency tree', () => {
  it('has no invalid or missing packages (npm ls --all)', () => {
    const result = spawnSync('npm', ['ls', '--all'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((l) => /invalid|missing|ERESOLVE/.test(l))).toEqual([]);
    expect(result.status).toBe(0);
  }, 30_000);
});
