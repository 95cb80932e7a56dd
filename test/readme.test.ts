/** The README is a newcomer's map: every file it names by its path is in the repository. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the README', () => {
  it('names only files that are in the repository (paths outside it, ../, aside)', () => {
    const named = [...readme.matchAll(/(?<![\w./-])((?:[\w-]+\/)*[\w-]+\.(?:md|ts|yaml|json|sh|js|css))\b/g)].map((m) => m[1]);
    const paths = [...new Set(named)].filter((p) => p.includes('/') || /^[A-Z]+\.md$/.test(p) || p === 'package.json');
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });
});
