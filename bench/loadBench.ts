/**
 * `npm run bench:load`: an open-loop load test of one bot instance on SQLite. Messages arrive at a
 * fixed rate whether or not earlier ones have been answered (a closed loop would slow down with
 * the server and hide its queueing), and each is timed from the moment it was due.
 *
 * The mix: families asking in their own words, picking buttons, walking the court journey on
 * webchat and the kinship journey on SMS, and asking for a person; each family that reaches the
 * queue is taken by one of the advisers, who accepts, writes twice and ends the chat through the
 * console's own API (those calls count as messages too). Proactive messages (the adviser's words,
 * queue moves) go to a stand-in connector in this process.
 *
 * After an unmeasured warm-up it runs the target step (20 messages/s for 60 s), then steps the rate up (30 s each) until
 * p99 passes 300 ms or anything fails, and prints p50, p99, max, errors and the bot's RSS over time
 * for each step. Options: --rates=20,30,40 --seconds=60,30 (the last duration repeats).
 *
 * --instances=2 runs the same load on two instances sharing one PostgreSQL database (DATABASE_URL, or a
 * throwaway cluster like the tests' own) behind a round-robin balancer in this process, so a family's
 * turns and an adviser's calls move between instances. --compare runs one instance on SQLite, then two on
 * PostgreSQL, and prints the ratio of the highest rates held.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/paths';
import { postgresBinaries, startThrowawayCluster, stopThrowawayCluster } from '../test/postgres/throwawayCluster';
import { Balancer, startRoundRobinBalancer } from './roundRobinBalancer';

const DEFAULT_RATES = [20, 30, 40, 50, 60, 80, 100, 120];
const DEFAULT_SECONDS = [60, 30];
const TARGET_P99_MS = 300;
/** Unmeasured first: the JIT, the search index's first queries and SQLite's page cache warm up. */
const WARM_UP = { rate: 10, seconds: 15 };
const REQUEST_TIMEOUT_MS = 10_000;
const RSS_EVERY_MS = 5_000;
const START_TIMEOUT_MS = 30_000;
const ADVISERS = 6;
const ADVISER_PASSWORD = 'bench adviser password';
/** New conversations start on about one arrival in five; the rest carry on conversations already open. */
const NEW_CONVERSATION_SHARE = 0.2;
/** The bot's apology for a failed turn: a 200 that is still a failure. */
const APOLOGY = /something went wrong on my side/;

const NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { config: { node_flags: string } }).config.node_flags.split(/\s+/).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// What people do

type Kind = 'question' | 'choice' | 'journey' | 'handoff' | 'adviser';

interface FamilyStep {
  kind: Kind;
  /** Undefined: the user opens the chat (conversationUpdate). */
  text?: string;
  /** While an adviser holds the chat the bot itself says nothing back. */
  maySayNothing?: boolean;
}

interface Script {
  weight: number;
  channelId: 'webchat' | 'sms';
  steps: FamilyStep[];
  /** Reaching the queue: an adviser takes over after this many steps. */
  queuedAfter?: number;
}

const say = (kind: Kind, texts: (string | undefined)[], maySayNothing = false): FamilyStep[] => texts.map((text) => ({ kind, text, maySayNothing }));

const SCRIPTS: Script[] = [
  { weight: 35, channelId: 'webchat', steps: say('question', [undefined, 'what is a child protection plan', 'Tell me more', 'the social want me to sign a section 20', 'what is early help', 'thanks']) },
  { weight: 20, channelId: 'webchat', steps: [...say('question', [undefined, 'what is a child protection plan']), ...say('choice', ['Topics like this', '1', 'menu', 'Ask a question'])] },
  { weight: 15, channelId: 'webchat', steps: say('journey', ['hello', 'Court', 'Letter before court', 'skip', 'Yes']) },
  { weight: 15, channelId: 'sms', steps: say('journey', ['hi', '3', '2', '1', '6']) },
  {
    weight: 15,
    channelId: 'webchat',
    // From "Yes, pass it on" the family is in the queue and any adviser may take them, even before the next step.
    steps: [...say('handoff', ['what is a child protection plan', 'talk to a person', 'Yes, pass it on']), ...say('handoff', ['skip', 'Hello, the meeting is on Friday and I am scared', 'Thank you', 'It helped'], true)],
    queuedAfter: 3,
  },
];

const ADVISER_WORDS = ['Hello, I am an adviser. Tell me about Friday.', 'You can ask for the report before the meeting, and take someone with you.'];

// ---------------------------------------------------------------------------------------------
// The bot, the stand-in connector and the advisers

interface Bot {
  url: string;
  child: ChildProcess;
}

/** What the load is aimed at: one instance, or several behind the balancer. */
interface Target {
  url: string;
  bots: Bot[];
  /** The throwaway PostgreSQL server's main process, when the bench started one: its CPU is counted apart. */
  postmasterPid?: number;
  describe: string;
  stop: () => Promise<void>;
}

const BOT_ENV = { LOG_LEVEL: 'silent', WEBCHAT_HOURS: 'Mon-Sun 00:00-23:59' };

/** Accounts are made the way an operator makes them, with the CLI: there is no sign-up page to use instead. */
function addAdvisers(env: Record<string, string>): void {
  for (let i = 1; i <= ADVISERS; i++) {
    const added = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/src/cli/adviser.js'), 'add', `adviser${i}`], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      input: `${ADVISER_PASSWORD}\n`,
      encoding: 'utf8',
    });
    if (added.status !== 0) throw new Error(`adviser add adviser${i} failed: ${added.stderr}${added.stdout}`);
  }
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(__dirname, 'adviceBotServer.js')], {
    cwd: PROJECT_ROOT,
    // Webchat open all week, so that every family who asks reaches the queue (bank holidays excepted).
    env: { ...process.env, PORT: '0', ...BOT_ENV, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not print its URL within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`the bot exited (code ${code}) before printing its URL`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!/^https?:\/\//.test(line)) return;
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
  return { url, child };
}

async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) {
    const exited = new Promise<void>((resolve) => bot.child.once('exit', () => resolve()));
    bot.child.kill('SIGTERM');
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

async function startOneOnSqlite(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'load-bench-'));
  // SQLite even when DATABASE_URL is set for the two-instance run.
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  addAdvisers(env);
  const bot = await startBot(env);
  return {
    url: bot.url,
    bots: [bot],
    describe: `One instance on SQLite at ${bot.url}`,
    stop: async () => {
      await stopBot(bot);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Several instances on one PostgreSQL database (DATABASE_URL, or a throwaway cluster), behind the balancer. */
async function startSeveralOnPostgres(instances: number): Promise<Target> {
  const bin = process.env.DATABASE_URL ? undefined : postgresBinaries();
  if (!process.env.DATABASE_URL && !bin) throw new Error('two instances need PostgreSQL: set DATABASE_URL, or install Debian\'s postgresql (sh scripts/ensure-postgres.sh)');
  const cluster = bin ? await startThrowawayCluster(bin) : undefined;
  const databaseUrl = cluster?.url ?? process.env.DATABASE_URL!;
  const dataDir = mkdtempSync(join(tmpdir(), 'load-bench-'));
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, TRUST_PROXY: '1' };
  const bots: Bot[] = [];
  let balancer: Balancer | undefined;
  const stop = async () => {
    await balancer?.close();
    await Promise.all(bots.map(stopBot));
    if (cluster && bin) stopThrowawayCluster(bin, cluster);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    addAdvisers(env);
    // One at a time: the first applies the migrations, the others find them done.
    for (let i = 0; i < instances; i++) bots.push(await startBot(env));
    balancer = await startRoundRobinBalancer(bots.map((b) => b.url));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: balancer.url,
    bots,
    postmasterPid: cluster ? Number(readFileSync(join(cluster.folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined,
    describe: `${instances} instances on PostgreSQL (${cluster ? 'a throwaway cluster on this machine' : 'DATABASE_URL'}) behind a round-robin balancer at ${balancer.url}`,
    stop,
  };
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); undefined once the process has gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time used so far (utime + stime, in 1/100 s), in ms. */
function cpuOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

/** CPU time the instances (all their threads) have used so far, in ms. */
function cpuMs(target: Target): number {
  return target.bots.reduce((sum, bot) => sum + cpuOf(bot.child.pid!), 0);
}

/**
 * CPU time of the PostgreSQL server so far, in ms: its main process, the backends still running (its
 * children), and those that have ended (a pool closes idle connections), which the main process has reaped.
 */
function databaseCpuMs(target: Target): number | undefined {
  const main = target.postmasterPid;
  if (main === undefined) return undefined;
  const fields = statFields(main);
  const reaped = fields ? (Number(fields[13]) + Number(fields[14])) * 10 : 0;
  const children = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && statFields(Number(name))?.[1] === String(main));
  return children.reduce((sum, pid) => sum + cpuOf(Number(pid)), cpuOf(main) + reaped);
}

/** Each instance's RSS, joined with "+" when there are several. */
function rssMb(target: Target): string {
  return target.bots
    .map((bot) => {
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${bot.child.pid}/status`, 'utf8'));
      return kb ? String(Math.round(Number(kb[1]) / 1024)) : '?';
    })
    .join('+');
}

/** The channel's connector: takes every proactive message and answers as Bot Framework does. */
async function startConnector(): Promise<{ serviceUrl: string; received: () => number; server: Server }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${received}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received: () => received, server };
}

interface Adviser {
  name: string;
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
}

async function signIn(bot: Target, name: string): Promise<Adviser> {
  const response = await fetch(`${bot.url}/advisers/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: ADVISER_PASSWORD }) });
  if (response.status !== 200) throw new Error(`${name} could not sign in: HTTP ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const adviser: Adviser = {
    name,
    call: async (method, path, body) => {
      const r = await fetch(`${bot.url}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  await adviser.call('GET', '/advisers/api/queue');
  return adviser;
}

// ---------------------------------------------------------------------------------------------
// Actors: a family or an adviser, doing one step per arrival given to it

interface Actor {
  busy: boolean;
  done: boolean;
  /** Does the next step; resolves to a problem, if any. */
  step: () => Promise<string | undefined>;
  /** Puts down what the step's end left half done (an adviser ends the chat they hold), untimed. */
  finish?: () => Promise<void>;
  kind: () => Kind;
}

let activityCounter = 0;
let conversationCounter = 0;

function familyActor(bot: Target, serviceUrl: string, script: Script, onQueued: () => void): Actor {
  const conversationId = `load-${++conversationCounter}`;
  const from = script.channelId === 'sms' ? { id: `+4477009${String(conversationCounter % 100_000).padStart(5, '0')}` } : { id: `user-${conversationId}`, name: 'User' };
  let next = 0;
  const actor: Actor = {
    busy: false,
    done: false,
    kind: () => script.steps[next].kind,
    step: async () => {
      const step = script.steps[next++];
      actor.done = next >= script.steps.length;
      const activity = step.text === undefined ? { type: 'conversationUpdate', membersAdded: [from] } : { type: 'message', text: step.text };
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `load-activity-${++activityCounter}`,
          channelId: script.channelId,
          serviceUrl,
          from,
          recipient: { id: 'bot', name: 'Bot' },
          conversation: { id: conversationId },
          deliveryMode: 'expectReplies',
          locale: 'en-GB',
          timestamp: new Date().toISOString(),
          ...activity,
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status !== 200) return `${conversationId} "${step.text}": HTTP ${response.status} ${text.slice(0, 160)}`;
      const replies = (JSON.parse(text) as { activities?: { text?: string }[] }).activities ?? [];
      if (replies.length === 0 && !step.maySayNothing) return `${conversationId} "${step.text}": no replies`;
      if (replies.some((r) => APOLOGY.test(r.text ?? ''))) return `${conversationId} "${step.text}": the bot apologised for a failed turn`;
      if (script.queuedAfter === next) onQueued();
      return undefined;
    },
  };
  return actor;
}

/** Ids already accepted (or being accepted), so that two advisers do not reach for the same family. */
const claimed = new Set<string>();

/** Live chats each adviser holds now; none takes more than the server's ADVISER_MAX_CHATS (its default). */
const holding = new Map<string, number>();
const ADVISER_MAX_CHATS = 2;

/** The adviser with the fewest live chats who has room for one more, as a team would share them out. */
function adviserWithRoom(advisers: Adviser[]): Adviser | undefined {
  const free = advisers.filter((a) => (holding.get(a.name) ?? 0) < ADVISER_MAX_CHATS);
  return free.sort((a, b) => (holding.get(a.name) ?? 0) - (holding.get(b.name) ?? 0))[0];
}

function adviserActor(advisers: Adviser[]): Actor {
  let handoffId: string | undefined;
  let adviser: Adviser = advisers[0];
  let said = 0;
  const actor: Actor = {
    busy: false,
    done: false,
    kind: () => 'adviser',
    step: async () => {
      if (!handoffId) {
        // Everyone busy: the family waits, as they would; someone looks again at the next arrival.
        const withRoom = adviserWithRoom(advisers);
        if (!withRoom) return undefined;
        adviser = withRoom;
        holding.set(adviser.name, (holding.get(adviser.name) ?? 0) + 1);
        const queue = await adviser.call('GET', '/advisers/api/queue');
        if (queue.status !== 200) return `${adviser.name} queue: HTTP ${queue.status}`;
        const waiting = (queue.body.waiting as { id: string }[]).find((w) => !claimed.has(w.id));
        // The family's own turn may still be under way; the adviser looks again at the next arrival.
        if (!waiting) {
          holding.set(adviser.name, holding.get(adviser.name)! - 1);
          return undefined;
        }
        claimed.add(waiting.id);
        const accepted = await adviser.call('POST', `/advisers/api/handoffs/${waiting.id}/accept`);
        if (accepted.status !== 200) {
          holding.set(adviser.name, holding.get(adviser.name)! - 1);
          return `${adviser.name} accept: HTTP ${accepted.status} ${JSON.stringify(accepted.body)}`;
        }
        handoffId = waiting.id;
        return undefined;
      }
      if (said < ADVISER_WORDS.length) {
        const sent = await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/messages`, { text: ADVISER_WORDS[said++] });
        return sent.status === 200 ? undefined : `${adviser.name} message: HTTP ${sent.status} ${JSON.stringify(sent.body)}`;
      }
      actor.done = true;
      const ended = await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/end`);
      holding.set(adviser.name, holding.get(adviser.name)! - 1);
      handoffId = undefined;
      return ended.status === 200 ? undefined : `${adviser.name} end: HTTP ${ended.status} ${JSON.stringify(ended.body)}`;
    },
    finish: async () => {
      if (!handoffId) return;
      await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/end`);
      holding.set(adviser.name, holding.get(adviser.name)! - 1);
      handoffId = undefined;
    },
  };
  return actor;
}

function pickScript(): Script {
  let roll = Math.random() * SCRIPTS.reduce((sum, s) => sum + s.weight, 0);
  for (const script of SCRIPTS) if ((roll -= script.weight) < 0) return script;
  return SCRIPTS[0];
}

// ---------------------------------------------------------------------------------------------
// One step of the load: a fixed rate for a fixed time

interface StepResult {
  rate: number;
  seconds: number;
  sent: number;
  samples: { kind: Kind; ms: number }[];
  errors: string[];
  rss: string[];
  /** The bot's CPU time over the step, against the step's wall time. */
  cpuMs: number;
  /** This process's: the load generator, and the balancer when there is one. */
  generatorCpuMs: number;
  /** PostgreSQL's, when the bench runs it. */
  databaseCpuMs?: number;
  wallMs: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function runStep(bot: Target, serviceUrl: string, advisers: Adviser[], rate: number, seconds: number): Promise<StepResult> {
  const result: StepResult = { rate, seconds, sent: 0, samples: [], errors: [], rss: [rssMb(bot)], cpuMs: 0, generatorCpuMs: 0, wallMs: 0 };
  const cpuAtStart = cpuMs(bot);
  const generatorAtStart = process.cpuUsage();
  const databaseCpuAtStart = databaseCpuMs(bot);
  const actors: Actor[] = [];
  const inFlight = new Set<Promise<void>>();
  const total = rate * seconds;
  const startedAt = performance.now();
  const rssTimer = setInterval(() => result.rss.push(rssMb(bot)), RSS_EVERY_MS);

  const arrive = (dueAt: number) => {
    for (let i = actors.length - 1; i >= 0; i--) if (actors[i].done && !actors[i].busy) actors.splice(i, 1);
    const idle = actors.filter((a) => !a.busy && !a.done);
    let actor: Actor;
    if (idle.length === 0 || Math.random() < NEW_CONVERSATION_SHARE) {
      actor = familyActor(bot, serviceUrl, pickScript(), () => actors.push(adviserActor(advisers)));
      actors.push(actor);
    } else {
      actor = idle[Math.floor(Math.random() * idle.length)];
    }
    const kind = actor.kind();
    actor.busy = true;
    result.sent++;
    const done = actor
      .step()
      .catch((error: Error) => `${kind}: ${error.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS} ms` : error.message}`)
      .then((problem) => {
        actor.busy = false;
        result.samples.push({ kind, ms: performance.now() - dueAt });
        if (problem) result.errors.push(problem);
        inFlight.delete(done);
      });
    inFlight.add(done);
  };

  // Each arrival is due at startedAt + i / rate; a late timer sends every arrival already due.
  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && startedAt + (sent * 1000) / rate <= now) arrive(startedAt + (sent++ * 1000) / rate);
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, startedAt + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  await Promise.all(actors.map((a) => a.finish?.()));
  result.cpuMs = cpuMs(bot) - cpuAtStart;
  const generator = process.cpuUsage(generatorAtStart);
  result.generatorCpuMs = (generator.user + generator.system) / 1000;
  if (databaseCpuAtStart !== undefined) result.databaseCpuMs = databaseCpuMs(bot)! - databaseCpuAtStart;
  result.wallMs = performance.now() - startedAt;
  clearInterval(rssTimer);
  result.rss.push(rssMb(bot));
  return result;
}

function report(result: StepResult): boolean {
  const all = result.samples.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = percentile(all, 99);
  const held = p99 < TARGET_P99_MS && result.errors.length === 0;
  const byKind = (['question', 'choice', 'journey', 'handoff', 'adviser'] as Kind[])
    .map((kind) => {
      const ms = result.samples.filter((s) => s.kind === kind).map((s) => s.ms).sort((a, b) => a - b);
      return ms.length ? `${kind} ${ms.length} (p99 ${percentile(ms, 99).toFixed(0)})` : `${kind} 0`;
    })
    .join(', ');
  console.log(`\n${result.rate} messages/s for ${result.seconds} s: ${held ? 'HELD' : 'NOT HELD'}`);
  console.log(`  sent ${result.sent}; p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${all[all.length - 1].toFixed(1)} ms; errors ${result.errors.length}`);
  console.log(`  by kind: ${byKind}`);
  console.log(`  bot CPU (all instances) ${(result.cpuMs / result.sent).toFixed(1)} ms a message, ${((100 * result.cpuMs) / result.wallMs).toFixed(0)}% of one core over the step`);
  if (result.databaseCpuMs !== undefined) console.log(`  PostgreSQL CPU ${(result.databaseCpuMs / result.sent).toFixed(1)} ms a message, ${((100 * result.databaseCpuMs) / result.wallMs).toFixed(0)}% of one core`);
  console.log(`  this process (load generator, and balancer if any) CPU ${((100 * result.generatorCpuMs) / result.wallMs).toFixed(0)}% of one core`);
  console.log(`  bot RSS every ${RSS_EVERY_MS / 1000} s (MB): ${result.rss.join(' ')}`);
  for (const error of result.errors.slice(0, 5)) console.log(`  error: ${error}`);
  return held;
}

function option(name: string, fallback: number[]): number[] {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3).split(',').map(Number).filter((n) => n > 0) : fallback;
}

/** Warms up, then steps the rate up until a step is not held; returns the highest rate held. */
async function measure(target: Target, connector: { serviceUrl: string; received: () => number }, rates: number[], durations: number[]): Promise<number | undefined> {
  // A fresh database numbers its handoffs from 1 again.
  claimed.clear();
  holding.clear();
  const advisers = await Promise.all(Array.from({ length: ADVISERS }, (_, i) => signIn(target, `adviser${i + 1}`)));
  console.log(`${target.describe}, Node ${process.version}, flags ${NODE_FLAGS.join(' ')}; the load generator runs on the same machine.`);
  const warm = await runStep(target, connector.serviceUrl, advisers, WARM_UP.rate, WARM_UP.seconds);
  console.log(`Warm-up (not counted): ${warm.sent} messages at ${WARM_UP.rate}/s, ${warm.errors.length} errors.`);
  let highest: number | undefined;
  for (const [i, rate] of rates.entries()) {
    const result = await runStep(target, connector.serviceUrl, advisers, rate, durations[Math.min(i, durations.length - 1)]);
    if (!report(result)) break;
    highest = rate;
  }
  console.log(`\nHighest rate held with p99 under ${TARGET_P99_MS} ms and no errors: ${highest ?? 'none'} messages/s. Proactive messages to the connector so far: ${connector.received()}.`);
  return highest;
}

async function main(): Promise<void> {
  const rates = option('rates', DEFAULT_RATES);
  const durations = option('seconds', DEFAULT_SECONDS);
  const compare = process.argv.includes('--compare');
  const instances = option('instances', [1])[0];
  const connector = await startConnector();
  let target: Target | undefined;
  const stop = async () => {
    await target?.stop();
    connector.server.close();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    const held: { setup: string; highest?: number }[] = [];
    for (const count of compare ? [1, 2] : [instances]) {
      target = count === 1 ? await startOneOnSqlite() : await startSeveralOnPostgres(count);
      held.push({ setup: count === 1 ? 'one instance on SQLite' : `${count} instances on PostgreSQL`, highest: await measure(target, connector, rates, durations) });
      await target.stop();
      target = undefined;
    }
    if (held.length === 2) {
      const [one, two] = held;
      const ratio = one.highest && two.highest ? (two.highest / one.highest).toFixed(2) : 'n/a';
      console.log(`\n${one.setup}: ${one.highest ?? 'none'}/s; ${two.setup}: ${two.highest ?? 'none'}/s; ratio ${ratio}. Both instances, PostgreSQL and this load generator share this machine's ${cpus().length} cores.`);
    }
    process.exitCode = held.every((h) => h.highest !== undefined && h.highest >= rates[0]) ? 0 : 1;
  } finally {
    await stop();
  }
}

if (require.main === module) void main();
