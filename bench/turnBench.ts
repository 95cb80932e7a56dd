/**
 * `npm run bench`: turn latency and memory of the real bot over HTTP, against a bare botbuilder echo
 * bot on the same restify + CloudAdapter set-up as the baseline in the same run. Each bot runs in its
 * own child process (own free port, own temporary DATA_DIR, LOG_LEVEL=silent), so its memory is
 * measured apart from this load generator.
 *
 * Latency: 50 concurrent conversations post a realistic sequence of turns to POST /api/messages
 * with deliveryMode "expectReplies" (each turn only after the previous reply). Two kinds of
 * conversation: choice turns (menu picks, numbers, commands: no understanding needed) and free-text
 * turns (questions in the user's own words). Rounds run every bot and kind in turn, in an order
 * that flips each round (ABBA), so that machine noise falls on all alike. Both bots are pinned to
 * one core and this load generator to the other (taskset), so they never share a core. Requests use
 * Node's global fetch, whose default dispatcher is a keep-alive undici Agent, for both bots alike.
 * The real bot runs with TURN_TIMINGS=1 (BENCH_TIMINGS=0 turns that off) and reports where each
 * kind of turn spends its time, stage by stage, next to the echo bot's whole turn.
 * Memory: the bot's resident memory (VmRSS) after 1,000 live conversations.
 *
 * Targets: choice turns p50 ≤ 2× and p99 ≤ 2.5× the echo bot's; RSS ≤ 200 MB. The free-text ratio
 * is printed for comparison. Any failed turn fails the run.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { StageFigures } from '../src/metrics/turnTimings';
import { topSelfTime } from './cpuProfileTop';
import { PROJECT_ROOT } from '../src/paths';

const CONCURRENCY = 50;
const ROUNDS = 6;
const CONVERSATIONS_PER_ROUND = 100;
const WARM_UP_CONVERSATIONS = 100;
const LIVE_CONVERSATIONS = 1_000;
const TARGET_P50_RATIO = 2;
const TARGET_P99_RATIO = 2.5;
const TARGET_RSS_MB = 200;
/** The core both bots run on, and the one this load generator runs on. */
const BOT_CPU = '1';
const GENERATOR_CPU = '0';
const TIMINGS = process.env.BENCH_TIMINGS !== '0';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

type Kind = 'choice' | 'free';
const KINDS: readonly Kind[] = ['choice', 'free'];
/** What a user says after opening the chat (the same texts for both bots), by kind. */
const MESSAGES: Record<Kind, readonly string[]> = {
  // A journey by number, its first question by number, then commands and numbers at menus and questions.
  choice: ['1', '1', 'menu', 'help', '2', 'back', 'menu', '3'],
  free: [
    'what is a child protection plan',
    'the social want me to sign a section 20',
    'can my mum look after my kids',
    'what happens at a child protection conference',
    'i got a letter before proceedings',
    'how do i complain about my social worker',
  ],
};
const OPEN = 'conversationUpdate';
/** The bot's apology for a failed turn: a 200 that is still a failure. */
const APOLOGY = /something went wrong on my side/;

/** A conversationUpdate with the user joining, or a message. */
interface Turn {
  label: string;
  text?: string;
}

interface Sample {
  kind: Kind;
  label: string;
  ms: number;
}

/** What a run of one kind cost one bot, summed over the rounds. */
interface Spent {
  /** Wall time of the measured rounds. */
  measuredMs: number;
  /** CPU time the bot's process spent in them. */
  cpuMs: number;
  /** CPU time this load generator spent in them. */
  generatorCpuMs: number;
}

interface Bot {
  name: string;
  url: string;
  child: ChildProcess;
  dataDir: string;
  samples: Sample[];
  /** Every failed turn (any phase), described. */
  errors: string[];
  spent: Record<Kind, Spent>;
  /** Lines the child prints after its URL, for whoever waits for one. */
  onLine?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** Every bot started so far, so that they are stopped on any exit path. */
const running: Bot[] = [];

/** The Node.js flags `npm start` runs the server with (package.json config.node_flags), used for both bots alike. */
const NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { config: { node_flags: string } }).config.node_flags.split(/\s+/).filter(Boolean);

/** Whether `taskset` can pin processes here; without it the run goes on unpinned and says so. */
const CAN_PIN = spawnSync('taskset', ['-c', BOT_CPU, 'true']).status === 0;

/** Starts bench/<script>.js in a child process with its own data folder, pinned to BOT_CPU; resolves once it prints its URL. */
async function startBot(name: string, script: string, env: Record<string, string> = {}): Promise<Bot> {
  const dataDir = mkdtempSync(join(tmpdir(), `turn-bench-${name}-`));
  // BENCH_CPU_PROF=DIR: each bot writes a V8 CPU profile (node --cpu-prof) into DIR when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const node = [process.execPath, ...NODE_FLAGS, ...profile, join(__dirname, `${script}.js`)];
  // taskset execs node, so the child's pid is node's own (for /proc figures).
  const [command, ...args] = CAN_PIN ? ['taskset', '-c', BOT_CPU, ...node] : node;
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const noSpend = (): Spent => ({ measuredMs: 0, cpuMs: 0, generatorCpuMs: 0 });
  const bot: Bot = { name, url: '', child, dataDir, samples: [], errors: [], spent: { choice: noSpend(), free: noSpend() } };
  running.push(bot);
  bot.url = await readUrl(bot);
  return bot;
}

/** The first http:// line the child prints; rejects if it exits or takes too long first. Later lines go to bot.onLine. */
function readUrl(bot: Bot): Promise<string> {
  const { child, name } = bot;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not print its URL within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => reject(new Error(`${name} exited (code ${code}) before printing its URL`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (bot.url) return bot.onLine?.(line);
      if (!/^https?:\/\//.test(line)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(line.trim());
    });
  });
}

/** Asks the real bot to record the turns from now on under `kind` (TURN_TIMINGS). */
function recordAs(bot: Bot, kind: Kind): void {
  if (TIMINGS && bot.name === 'ours') bot.child.stdin!.write(`record ${kind}\n`);
}

/** The real bot's stage figures for each kind of turn. */
function stageFigures(bot: Bot): Promise<Record<Kind, StageFigures[]>> {
  return new Promise((resolve) => {
    bot.onLine = (line) => {
      if (!line.startsWith('timings ')) return;
      bot.onLine = undefined;
      resolve(JSON.parse(line.slice('timings '.length)) as Record<Kind, StageFigures[]>);
    };
    bot.child.stdin!.write('report\n');
  });
}

/** Asks the child to stop (SIGTERM, then SIGKILL), waits for it, and deletes its data folder. */
async function stopBot(bot: Bot): Promise<void> {
  const { child } = bot;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  rmSync(bot.dataDir, { recursive: true, force: true });
}

async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map(stopBot));
}

/** The child's resident memory, from /proc/<pid>/status (VmRSS), in MB. */
function rssMb(bot: Bot): number {
  const status = readFileSync(`/proc/${bot.child.pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`No VmRSS for ${bot.name} (pid ${bot.child.pid})`);
  return Number(kb[1]) / 1024;
}

/** CPU time the child (all its threads) has used so far, from /proc/<pid>/stat (utime + stime, in 1/100 s), in ms. */
function cpuMs(bot: Bot): number {
  const stat = readFileSync(`/proc/${bot.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// ---------------------------------------------------------------------------------------------
// Conversations

/** A conversation's turns: the user opens the chat, then says each of `messages`. */
function script(messages: readonly string[]): Turn[] {
  return [{ label: OPEN }, ...messages.map((text) => ({ label: text, text }))];
}

let activityCounter = 0;

/** One turn's activity, with a unique id and this conversation's ids. */
function activityFor(turn: Turn, conversationId: string): string {
  const user = { id: `user-${conversationId}`, name: 'User' };
  const activity = turn.text === undefined ? { type: 'conversationUpdate', membersAdded: [user] } : { type: 'message', text: turn.text };
  return JSON.stringify({
    id: `bench-activity-${++activityCounter}`,
    channelId: 'webchat',
    serviceUrl: 'http://localhost:1',
    from: user,
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
    locale: 'en-GB',
    timestamp: new Date().toISOString(),
    ...activity,
  });
}

/** Posts one turn and times it from request start to the full response body; returns a problem, if any. */
async function postTurn(url: string, body: string): Promise<{ ms: number; problem?: string }> {
  const start = performance.now();
  try {
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    const ms = performance.now() - start;
    return { ms, problem: problemWith(response.status, text) };
  } catch (error) {
    return { ms: performance.now() - start, problem: `request failed: ${(error as Error).message}` };
  }
}

/** Why a reply is not a good turn: not HTTP 200, no replies, or the bot's apology. */
function problemWith(status: number, text: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  const replies = (JSON.parse(text) as { activities?: { text?: string }[] }).activities ?? [];
  if (replies.length === 0) return 'no replies';
  if (replies.some((r) => APOLOGY.test(r.text ?? ''))) return 'the bot apologised for a failed turn';
  return undefined;
}

/** Runs one conversation's turns in order, each after the previous reply. */
async function converse(bot: Bot, conversationId: string, turns: readonly Turn[], measured: Kind | undefined): Promise<void> {
  for (const turn of turns) {
    const { ms, problem } = await postTurn(bot.url, activityFor(turn, conversationId));
    if (problem) bot.errors.push(`${conversationId} "${turn.label}": ${problem}`);
    if (measured) bot.samples.push({ kind: measured, label: turn.label, ms });
  }
}

/** Runs `count` conversations, `CONCURRENCY` at a time, keeping their samples as `measured`; returns the wall time in ms. */
async function runConversations(bot: Bot, prefix: string, count: number, turns: readonly Turn[], measured?: Kind): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count) await converse(bot, `${prefix}-${next++}`, turns, measured);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return performance.now() - start;
}

/** The runs of one round: every bot with every kind, in an order that is reversed every other round (ABBA). */
function roundOrder(bots: readonly Bot[], round: number): { bot: Bot; kind: Kind }[] {
  const runs = bots.flatMap((bot) => KINDS.map((kind) => ({ bot, kind })));
  return round % 2 === 1 ? runs : runs.reverse();
}

/** Measured rounds, in balanced order so that machine noise affects every bot and kind alike. */
async function measureLatency(bots: readonly Bot[]): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { bot, kind } of roundOrder(bots, round)) {
      global.gc?.();
      recordAs(bot, kind);
      const spent = bot.spent[kind];
      const cpuBefore = cpuMs(bot);
      const generatorBefore = process.cpuUsage();
      spent.measuredMs += await runConversations(bot, `${bot.name}-${kind}-round${round}`, CONVERSATIONS_PER_ROUND, script(MESSAGES[kind]), kind);
      spent.cpuMs += cpuMs(bot) - cpuBefore;
      const generator = process.cpuUsage(generatorBefore);
      spent.generatorCpuMs += (generator.user + generator.system) / 1000;
    }
  }
  // Turns after this (the memory phase) are not part of any kind's figures.
  for (const bot of bots) recordAs(bot, 'free');
}

// ---------------------------------------------------------------------------------------------
// Reporting

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: readonly Sample[]): { turns: number; p50: number; p99: number } {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { turns: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fmt = (n: number) => n.toFixed(1).padStart(8);

/** The measured turns of one kind, the opening of the chat left out (it is neither kind). */
const turnsOf = (bot: Bot, kind: Kind) => bot.samples.filter((s) => s.kind === kind && s.label !== OPEN);

function reportLatency(ours: Bot, echo: Bot): void {
  const pinned = CAN_PIN ? `bots pinned to CPU ${BOT_CPU}, load generator to CPU ${GENERATOR_CPU}` : 'NOT pinned (no taskset)';
  console.log(`\nTurn latency: ${CONCURRENCY} concurrent conversations, ${ROUNDS} rounds (ABBA order) of ${CONVERSATIONS_PER_ROUND} conversations per bot and kind; ${pinned}`);
  console.log(`  ${'kind'.padEnd(7)}${'bot'.padEnd(6)} ${'turns'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'turns/s'.padStart(9)}   CPU ms/turn: bot  load generator`);
  for (const kind of KINDS) {
    const rows = [ours, echo].map((bot) => ({ bot, s: summary(turnsOf(bot, kind)), all: bot.samples.filter((x) => x.kind === kind).length }));
    for (const { bot, s, all } of rows) {
      const spent = bot.spent[kind];
      const throughput = ((all / spent.measuredMs) * 1000).toFixed(0).padStart(9);
      const cpu = `${(spent.cpuMs / all).toFixed(2).padStart(16)}  ${(spent.generatorCpuMs / all).toFixed(2).padStart(14)}`;
      console.log(`  ${kind.padEnd(7)}${bot.name.padEnd(6)} ${String(s.turns).padStart(7)} ${fmt(s.p50)} ${fmt(s.p99)} ${throughput}   ${cpu}`);
    }
  }
  for (const kind of KINDS) {
    const [a, b] = [ours, echo].map((bot) => summary(turnsOf(bot, kind)));
    const p50 = a.p50 / b.p50;
    const p99 = a.p99 / b.p99;
    const cpu = ours.spent[kind].cpuMs / echo.spent[kind].cpuMs;
    const targets = kind === 'choice' ? `   target <= ${TARGET_P50_RATIO}x / ${TARGET_P99_RATIO}x   ${verdict(p50 <= TARGET_P50_RATIO)} / ${verdict(p99 <= TARGET_P99_RATIO)}` : '   (no target)';
    console.log(`  ratio ours/echo ${kind.padEnd(7)} p50 ${p50.toFixed(2)}x  p99 ${p99.toFixed(2)}x  CPU ${cpu.toFixed(2)}x${targets}`);
  }
}

/** Per-turn breakdown, to show which turns are slow. */
function reportByTurn(ours: Bot, echo: Bot): void {
  console.log('\n  by turn                                      ours p50  ours p99  echo p50  echo p99');
  for (const kind of KINDS) {
    for (const label of [OPEN, ...new Set(MESSAGES[kind])]) {
      const [a, b] = [ours, echo].map((bot) => summary(bot.samples.filter((s) => s.kind === kind && s.label === label)));
      console.log(`  ${`${kind} ${JSON.stringify(label)}`.padEnd(43)} ${fmt(a.p50)}  ${fmt(a.p99)}  ${fmt(b.p50)}  ${fmt(b.p99)}`);
    }
  }
}

/** Where the real bot's turns spend their time (server side, exclusive per stage), next to the echo bot's whole turn. */
function reportStages(figures: Record<Kind, StageFigures[]>, echo: Bot): void {
  for (const kind of KINDS) {
    const echoSamples = echo.samples.filter((s) => s.kind === kind);
    const echoLatency = summary(echoSamples);
    const echoCpu = echo.spent[kind].cpuMs / echoSamples.length;
    console.log(`\n  ${kind} turns, by stage (ours, in the server; every turn of the kind, the opening included)`);
    console.log(`  ${'stage'.padEnd(12)} ${'turns'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms/turn'.padStart(13)}`);
    for (const f of figures[kind] ?? []) {
      if (f.turns === 0) continue;
      console.log(`  ${f.stage.padEnd(12)} ${String(f.turns).padStart(7)} ${fmt(f.p50Ms)} ${fmt(f.p99Ms)} ${f.meanMsPerTurn.toFixed(3).padStart(13)}`);
    }
    console.log(`  echo bot, whole turn: p50 ${echoLatency.p50.toFixed(1)} ms, p99 ${echoLatency.p99.toFixed(1)} ms at the client; CPU ${echoCpu.toFixed(2)} ms/turn`);
  }
}

function reportMemory(ours: { idle: number; live: number }, echo: { idle: number; live: number }): void {
  console.log(`\nMemory (resident, VmRSS) after ${LIVE_CONVERSATIONS.toLocaleString('en-GB')} live conversations (open + 2 messages, ${CONCURRENCY} at a time)`);
  console.log(`  ours ${ours.live.toFixed(1)} MB (${ours.idle.toFixed(1)} MB after warm-up)   target <= ${TARGET_RSS_MB} MB   ${verdict(ours.live <= TARGET_RSS_MB)}`);
  console.log(`  echo ${echo.live.toFixed(1)} MB (${echo.idle.toFixed(1)} MB after warm-up)   for comparison`);
}

function reportErrors(bots: readonly Bot[]): void {
  console.log(`\nFailed turns (any phase): ${bots.map((b) => `${b.name} ${b.errors.length}`).join(', ')}`);
}

/** Fails the run loudly if any turn so far failed, naming the first few. */
function failOnErrors(bots: readonly Bot[]): void {
  const failed = bots.filter((b) => b.errors.length > 0);
  if (failed.length === 0) return;
  const counts = failed.map((b) => `${b.errors.length} on ${b.name}`).join(', ');
  const examples = failed.flatMap((b) => b.errors.slice(0, 5).map((e) => `\n  ${b.name}: ${e}`)).join('');
  throw new Error(`failed turns (${counts}); the figures are not valid. First failures:${examples}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (CAN_PIN) spawnSync('taskset', ['-pc', GENERATOR_CPU, String(process.pid)]);
  const ours = await startBot('ours', 'adviceBotServer', { TURN_TIMINGS: TIMINGS ? '1' : '0' });
  const echo = await startBot('echo', 'echoBotServer');
  const bots = [ours, echo];

  for (const bot of bots) {
    for (const kind of KINDS) await runConversations(bot, `${bot.name}-${kind}-warm`, WARM_UP_CONVERSATIONS, script(MESSAGES[kind]));
  }
  failOnErrors(bots);
  const idle = bots.map(rssMb);
  await measureLatency(bots);
  reportLatency(ours, echo);
  reportByTurn(ours, echo);
  if (TIMINGS) reportStages(await stageFigures(ours), echo);

  const live = script(MESSAGES.free.slice(0, 2));
  for (const bot of bots) await runConversations(bot, `${bot.name}-live`, LIVE_CONVERSATIONS, live);
  const [oursLive, echoLive] = bots.map(rssMb);
  reportMemory({ idle: idle[0], live: oursLive }, { idle: idle[1], live: echoLive });
  reportErrors(bots);
  failOnErrors(bots);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    void stopAll().finally(() => process.exit(130));
  });
}

/** With BENCH_CPU_PROF, once the bots have stopped and written their profiles: each one's top ten functions by self time. */
function reportProfiles(): void {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return;
  for (const name of ['ours', 'echo']) {
    console.log(`\nTop ten self time, ${name} (${join(dir, `${name}.cpuprofile`)})`);
    for (const f of topSelfTime(join(dir, `${name}.cpuprofile`))) console.log(`  ${f.ms.toFixed(0).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  }
}

main()
  .catch((error: Error) => {
    if (!interrupted) console.error(`\nturnBench failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll())
  .then(() => {
    if (!process.exitCode) reportProfiles();
  });
