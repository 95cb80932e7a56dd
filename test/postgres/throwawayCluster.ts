/**
 * A throwaway PostgreSQL cluster for one test run: initdb in a temp folder, started on a free port with its
 * socket in that folder, tuned for speed rather than durability, and removed afterwards. Debian's
 * postgresql (scripts/ensure-postgres.sh installs it) provides the binaries. initdb refuses to run as root,
 * so under root (CI) the cluster runs as Debian's `postgres` user.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';

export interface ThrowawayCluster {
  folder: string;
  port: number;
  url: string;
}

/** The newest installed version's bin folder, or undefined when postgresql is not installed. */
export function postgresBinaries(): string | undefined {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((version) => existsSync(join(DEBIAN_ROOT, version, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(DEBIAN_ROOT, versions[0], 'bin') : undefined;
}

export async function startThrowawayCluster(bin: string): Promise<ThrowawayCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'advice-pgtest-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(folder, uidOf(SERVER_USER), gidOf(SERVER_USER));
  const data = join(folder, 'data');
  const run = (command: string, args: string[]) => runChecked(asRoot, join(bin, command), args);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const port = await freePort();
    // Speed over durability: the data is thrown away. Several jest workers and two-instance servers connect at once.
    const settings = [`-p ${port}`, `-k ${folder}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c shared_buffers=32MB', '-c max_connections=300'];
    run('pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', join(folder, 'server.log'), '-o', settings.join(' ')]);
    return { folder, port, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the server at once (nothing to keep) and removes its folder; safe to call twice. */
export function stopThrowawayCluster(bin: string, cluster: ThrowawayCluster): void {
  const data = join(cluster.folder, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    runChecked(process.getuid?.() === 0, join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
  }
  rmSync(cluster.folder, { recursive: true, force: true });
}

function runChecked(asRoot: boolean, command: string, args: string[]): SpawnSyncReturns<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  // cwd: a folder the server user may read, since runuser keeps the caller's working directory.
  const result = spawnSync(file, argv, { encoding: 'utf8', cwd: '/' });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed (${result.status}): ${result.error?.message ?? ''}${result.stderr}${result.stdout}`);
  return result;
}

function idOf(flag: '-u' | '-g', user: string): number {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`there is no ${user} user to run PostgreSQL as (Debian's postgresql package creates it): ${result.stderr}`);
  return Number(result.stdout.trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
