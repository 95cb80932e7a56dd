/**
 * The real server as a separate process (`node dist/src/index.js` with `npm start`'s flags), so
 * tests can crash it, kill -9 it, watch its memory and read every log line it printed. Needs
 * `npm run build` first (the test command's pretest does it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'dist/src/index.js');
const ADVISER_CLI = join(ROOT, 'dist/src/cli/adviser.js');
/** The flags `npm start` uses (package.json config.node_flags): the heap is capped at 128 MB. */
export const NODE_FLAGS = ['--disable-warning=DEP0111', '--max-semi-space-size=2', '--max-old-space-size=128'];
export const ALL_DAY_WEBCHAT = { WEBCHAT_HOURS: 'Mon-Sun 00:00-23:59' };

export interface ChildServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Every line the server printed on stdout (its pino log), across restarts. */
  logFile: string;
  alive(): boolean;
  /** Resident memory in kB, from /proc/PID/status. */
  rssKb(): number;
  /** CPU time used so far (user + system), in seconds, from /proc/PID/stat. */
  cpuSeconds(): number;
  /** What the process wrote to stderr (a crash's message and stack). */
  stderr(): string;
  /** How it ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  /** SIGTERM: the server's own clean stop. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (a restart); a fresh temp folder otherwise. */
  dataDir?: string;
  logFile?: string;
  /** A fixed port (a restart on the same address); 0 picks a free one. */
  port?: number;
}

export function assertBuilt(): void {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
}

export function freshDataDir(prefix = 'advice-hardening-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startChildServer(options: ChildServerOptions = {}): Promise<ChildServer> {
  assertBuilt();
  const dataDir = options.dataDir ?? freshDataDir();
  const logFile = options.logFile ?? join(dataDir, '..', `${dataDir.split('/').pop()}.log`);
  const env: Record<string, string> = { ...baseEnv(), PORT: String(options.port ?? 0), LOG_LEVEL: 'info', DATA_DIR: dataDir, ...options.env };
  const child = spawn(process.execPath, [...NODE_FLAGS, ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let pending = '';
  let dead = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      dead = true;
      done({ code, signal });
    }),
  );
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-20_000)));
  const port = await new Promise<number>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`server did not start in 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      appendFileSync(logFile, chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const listening = listeningPort(line);
        if (listening) {
          clearTimeout(timer);
          found(listening);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      failed(new Error(`server exited before listening (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    dataDir,
    logFile,
    alive: () => !dead,
    rssKb: () => rssOf(pid),
    cpuSeconds: () => cpuOf(pid),
    stderr: () => stderr,
    exited,
    kill9: async () => {
      if (!dead) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!dead) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Only what node needs from this process's environment: no Azure settings leak into the server. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k] as string]));
}

function listeningPort(line: string): number | undefined {
  if (!line.includes('listening')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg !== 'listening' || !entry.url) return undefined;
    return Number(new URL(entry.url).port) || undefined;
  } catch {
    return undefined;
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]);
}

function cpuOf(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after it are space-separated. utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** An adviser account made the way an operator makes one: the CLI, with the password piped in. */
export function addAdviserWithCli(dataDir: string, username: string, password: string, env: Record<string, string> = {}): void {
  const result = spawnSync(process.execPath, [ADVISER_CLI, 'add', username], { cwd: ROOT, env: { ...baseEnv(), DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, input: `${password}\n`, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`adviser add ${username} failed: ${result.stderr}${result.stdout}`);
}

export function removeData(dataDir: string, logFile?: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  if (logFile) rmSync(logFile, { force: true });
}
