/** The contract commands, run the way DESIGN.md says: `npm run --silent <command> -- ...` from the repo root. */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const npm = (args: string[], input?: string) => execFileSync('npm', ['run', '--silent', ...args], { cwd: root, input, encoding: 'utf8' });

describe('npm run ask', () => {
  it('prints one JSON line with up to 5 results, best first, and the crisis verdict', () => {
    const out = npm(['ask', '--', '--json', 'the social want me to sign a section 20']);
    expect(out.trim().split('\n')).toHaveLength(1);
    const line = JSON.parse(out);
    expect(line.query).toBe('the social want me to sign a section 20');
    expect(line.crisis).toBe(false);
    expect(line.results[0]).toEqual({ id: 'cs-section-20-voluntary-accommodation', title: expect.any(String), score: expect.any(Number) });
    expect(line.results.length).toBeLessThanOrEqual(5);
    const scores = line.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('reads one query per line from --stdin and answers each, in order', () => {
    const out = npm(['ask', '--', '--json', '--stdin'], 'sgo money?\nmy partner is hitting my son right now\n');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['sgo money?', 'my partner is hitting my son right now']);
    expect(lines.map((l) => l.crisis)).toEqual([false, true]);
  });

  it('gives the safety tier and score with crisis true only for danger', () => {
    const out = npm(['ask', '--', '--json', '--stdin'], 'sgo money?\nmy partner is hitting my son right now\n');
    const [calm, danger] = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(calm).toMatchObject({ crisis: false, safety: 'none' });
    expect(danger).toMatchObject({ crisis: true, safety: 'danger', safetyScore: 1 });
    for (const line of [calm, danger]) {
      expect(Object.keys(line)).toEqual(['query', 'crisis', 'safety', 'safetyScore', 'results']);
      expect(line.safetyScore).toBeGreaterThanOrEqual(0);
      expect(line.safetyScore).toBeLessThanOrEqual(1);
    }
  });

  it('explains its usage when given no query', () => {
    const result = spawnSync('npm', ['run', '--silent', 'ask', '--', '--json'], { cwd: root, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Usage/);
  });
});

describe('npm run kb', () => {
  it('prints every article with the contract fields', () => {
    const articles = JSON.parse(npm(['kb', '--', '--json']));
    expect(articles).toHaveLength(34);
    for (const a of articles) {
      expect(Object.keys(a).sort()).toEqual(['audience', 'body', 'id', 'reviewed', 'sources', 'summary', 'title']);
      expect(a.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const s of a.sources) expect(Object.keys(s).sort()).toEqual(['title', 'url']);
      expect(a.body).not.toMatch(/\{\{/);
    }
  });
});

describe('npm run hours', () => {
  const hours = (at: string) => JSON.parse(npm(['hours', '--', '--json', '--at', at]));

  it('reports an open afternoon', () => {
    expect(hours('2026-11-23T13:30:00Z')).toEqual({ at: '2026-11-23T13:30:00.000Z', webchatOpen: true, adviceLineOpen: true, nextWebchatOpen: null });
  });

  it('gives the next webchat opening across a bank holiday', () => {
    expect(hours('2026-12-28T10:00:00Z')).toEqual({ at: '2026-12-28T10:00:00.000Z', webchatOpen: false, adviceLineOpen: false, nextWebchatOpen: '2026-12-30T13:00:00.000Z' });
  });

  it('refuses a date it cannot read, naming the option', () => {
    const result = spawnSync('npm', ['run', '--silent', 'hours', '--', '--json', '--at', 'next tuesday'], { cwd: root, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/--at/);
  });
});

describe('npm run adviser', () => {
  const dataDir = require('node:fs').mkdtempSync(join(require('node:os').tmpdir(), 'adviser-cli-'));
  const run = (args: string[], input = '') => spawnSync('npm', ['run', '--silent', 'adviser', '--', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

  it('adds, lists and removes adviser accounts, taking the password from stdin', () => {
    expect(run(['add', 'pat'], 'a long enough password\n').stdout).toMatch(/Added adviser pat/);
    expect(run(['list']).stdout.trim()).toBe('pat');
    expect(run(['remove', 'pat']).stdout).toMatch(/Removed adviser pat/);
    expect(run(['list']).stdout.trim()).toBe('');
  });

  it('refuses a short password or a bad name, saying which', () => {
    const short = run(['add', 'sam'], 'short\n');
    expect(short.status).not.toBe(0);
    expect(short.stderr).toMatch(/password: use at least 12 characters/);
    expect(run(['add', 'Bad Name'], 'a long enough password\n').stderr).toMatch(/username/);
    expect(run(['frobnicate']).stderr).toMatch(/Usage/);
  });
});
