/** The contract commands (README, "Other commands"), run the way a newcomer would: `npm run --silent <command> -- ...` from the repo root. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      expect(a.body).not.toMatch(/\[\^/);
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

  it('uses the hours the server is configured with, not only the defaults', () => {
    const env = { ...process.env, WEBCHAT_HOURS: 'Mon-Sun 00:00-23:59' };
    const out = execFileSync('npm', ['run', '--silent', 'hours', '--', '--json', '--at', '2026-12-01T08:10:00Z'], { cwd: root, encoding: 'utf8', env });
    expect(JSON.parse(out)).toMatchObject({ webchatOpen: true, nextWebchatOpen: null });
  });

  it('stops on a bad setting, naming it, as the server does', () => {
    const env = { ...process.env, WEBCHAT_HOURS: 'bogus' };
    const result = spawnSync('npm', ['run', '--silent', 'hours', '--', '--json'], { cwd: root, encoding: 'utf8', env });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/WEBCHAT_HOURS/);
    expect(result.stdout).toBe('');
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
    expect(run(['add', 'pat'], 'a long enough password\n').stdout).toMatch(/Added adviser pat, as a lead \(the first account is one/);
    expect(run(['add', 'jo'], 'a long enough password\n').stdout).toMatch(/^Added adviser jo\.$/m);
    expect(run(['add', 'viv', '--lead'], 'a long enough password\n').stdout).toMatch(/Added adviser viv, as a lead\./);
    expect(run(['role', 'jo', 'lead']).stdout).toMatch(/jo is now a lead/);
    expect(run(['role', 'viv', 'adviser']).stdout).toMatch(/viv is now an adviser/);
    expect(run(['list']).stdout.trim().split('\n')).toEqual(['jo\tlead', 'pat\tlead', 'viv\tadviser']);
    for (const name of ['pat', 'jo', 'viv']) expect(run(['remove', name]).stdout).toMatch(new RegExp(`Removed adviser ${name}`));
    expect(run(['list']).stdout.trim()).toBe('');
  });

  it('asks for the password twice at a terminal, and refuses two that differ', () => {
    const typed = (name: string, input: string) =>
      spawnSync('script', ['-qec', `node dist/src/cli/adviser.js add ${name}`, '/dev/null'], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
    const differ = typed('kim', 'correct horse battery\rcorrect horse batterx\r');
    expect(differ.stdout).toMatch(/The same password again/);
    expect(differ.stdout).toMatch(/the two passwords do not match/);
    expect(differ.status).not.toBe(0);
    expect(typed('kim', 'correct horse battery\rcorrect horse battery\r').stdout).toMatch(/Added adviser kim/);
    expect(run(['remove', 'kim']).status).toBe(0);
  });

  it('takes a second line from a pipe as the password again, and it must match', () => {
    const differ = run(['add', 'lee'], 'a long enough password\na long enough passwrod\n');
    expect(differ.status).not.toBe(0);
    expect(differ.stderr).toMatch(/password: the two passwords do not match/);
    expect(run(['list']).stdout).not.toMatch(/lee/);
  });

  it('refuses a short password or a bad name, saying which', () => {
    const short = run(['add', 'sam'], 'short\n');
    expect(short.status).not.toBe(0);
    expect(short.stderr).toMatch(/password: use at least 12 characters/);
    expect(run(['add', 'Bad Name'], 'a long enough password\n').stderr).toMatch(/username/);
    expect(run(['frobnicate']).stderr).toMatch(/Usage/);
  });
});

describe('npm start', () => {
  it('says where to open the chat and the console, and SIGTERM to npm stops the server', async () => {
    const env = { ...process.env, PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'npm-start-')) };
    const child = spawn('npm', ['start'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const opened = /Open http:\/\/localhost:(\d+)\/ for the chat and http:\/\/localhost:\d+\/advisers for the console\./;
    for (let waited = 0; !opened.test(out) && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const port = opened.exec(out)?.[1];
    expect(port).toBeDefined();
    expect(out).toMatch(/No adviser accounts yet\. Make one with: npm run --silent adviser -- add NAME/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 90_000);
});
