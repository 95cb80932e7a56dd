/**
 * Web Chat's React peer agrees with the installed React. It was once resolved to React 19, which
 * the react-redux 7 inside Web Chat refuses, and `npm ci` printed 42 lines of ERESOLVE warnings;
 * package.json's `overrides` keeps it at 18.
 * Only React is checked: a fresh `npm ci` (npm 11) also leaves botbuilder's recognizers sharing
 * @microsoft/recognizers-text-number 1.3.1 where the lock file nests a 1.1.4 copy, which `npm ls
 * --all` calls invalid; the suite passes either way (see the README, "Dependencies and why").
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the dependency tree', () => {
  it('has React and React DOM as Web Chat accepts them (npm ls react react-dom --all)', () => {
    const result = spawnSync('npm', ['ls', 'react', 'react-dom', '--all'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((l) => /invalid|missing|ERESOLVE/.test(l))).toEqual([]);
    expect(result.status).toBe(0);
  }, 30_000);
});
