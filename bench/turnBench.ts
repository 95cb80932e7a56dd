/**
 * `npm run bench`: turn latency and memory of the real bot over HTTP, against a bare botbuilder echo
 * bot on the same restify + CloudAdapter set-up as the baseline in the same run. Each bot runs in its
 * own child process (own free port, own temporary DATA_DIR, LOG_LEVEL=silent), so its memory is
 * measured apart from this load generator.
 *
 * Latency: 50 concurrent conversations post a realistic sequence of turns to POST /api/messages
 * with deliveryMode "expectReplies" (each turn only after the previous reply), in rounds that
 * alternate between the two bots so machine noise falls on both. Requests use Node's global fetch,
 * whose default dispatcher is a keep-alive undici Agent, for both bots alike.
 * Memory: the bot's resident memory (VmRSS) after 1,000 live conversations.
 *
 * Targets: p50 ≤ 1.2× and p99 ≤ 1.5× the echo bot's; RSS ≤ 200 MB. Any failed turn fails the run.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/paths';

const CONCURRENCY = 50;
const ROUNDS = 8;
const CONVERSATIONS_PER_ROUND = 100;
const WARM_UP_CONVERSATIONS = 100;
const LIVE_CONVERSATIONS = 1_000;
const TARGET_P50_RATIO = 1.2;
const TARGET_P99_RATIO = 1.5;
const TARGET_RSS_MB = 200;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** What a user says after opening the chat (the same texts for both bots). */
const MESSAGES = ['what is a child protection plan', 'Tell me more', 'the social want me to sign a section 20', 'Topics like this', '1', 'talk to a person', 'thanks'];
/** The bot's apology for a failed turn: a 200 that is still a failure. */
const APOLOGY = /something went wrong on my side/;

/** A conversationUpdate with the user joining, or a message. */
interface Turn {
  label: string;
  text?: string;
}

interface Sample {
  label: string;
  ms: number;
}

interface Bot {
  name: string;
  url: string;
  child: ChildProcess;
  dataDir: string;
  samples: Sample[];
  /** Every failed turn (any phase), described. */
  errors: string[];
  /** Wall time of the measured rounds. */
  measuredMs: number;
  /** CPU time the bot's process spent in the measured rounds. */
  cpuMs: number;
  /** CPU time this load generator spent in them. */
  generatorCpuMs: number;
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** Every bot started so far, so that they are stopped on any exit path. */
const running: Bot[] = [];

/** The Node.js flags `npm start` runs the server with (package.json config.node_flags), used for both bots alike. */
const NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { config: { node_flags: string } }).config.node_flags.split(/\s+/).filter(Boolean);

/** Starts bench/<script>.js in a child process with its own data folder; resolves once it prints its URL. */
async function startBot(name: string, script: string): Promise<Bot> {
  const dataDir = mkdtempSync(join(tmpdir(), `turn-bench-${name}-`));
  const child = spawn(process.execPath, [...NODE_FLAGS, join(__dirname, `${script}.js`)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const bot: Bot = { name, url: '', child, dataDir, samples: [], errors: [], measuredMs: 0, cpuMs: 0, generatorCpuMs: 0 };
  running.push(bot);
  bot.url = await readUrl(child, name);
  return bot;
}

/** The first http:// line the child prints; rejects if it exits or takes too long first. */
function readUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not print its URL within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => reject(new Error(`${name} exited (code ${code}) before printing its URL`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!/^https?:\/\//.test(line)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(line.trim());
    });
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
  return [{ label: 'conversationUpdate' }, ...messages.map((text) => ({ label: text, text }))];
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
async function converse(bot: Bot, conversationId: string, turns: readonly Turn[], samples: Sample[] | undefined): Promise<void> {
  for (const turn of turns) {
    const { ms, problem } = await postTurn(bot.url, activityFor(turn, conversationId));
    if (problem) bot.errors.push(`${conversationId} "${turn.label}": ${problem}`);
    samples?.push({ label: turn.label, ms });
  }
}

/** Runs `count` conversations, `CONCURRENCY` at a time; returns the wall time in ms. */
async function runConversations(bot: Bot, prefix: string, count: number, turns: readonly Turn[], samples?: Sample[]): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count) await converse(bot, `${prefix}-${next++}`, turns, samples);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return performance.now() - start;
}

/** Measured rounds, alternating between the bots so that machine noise affects both alike. */
async function measureLatency(bots: readonly Bot[], turns: readonly Turn[]): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const bot of bots) {
      global.gc?.();
      const cpuBefore = cpuMs(bot);
      const generatorBefore = process.cpuUsage();
      bot.measuredMs += await runConversations(bot, `${bot.name}-round${round}`, CONVERSATIONS_PER_ROUND, turns, bot.samples);
      bot.cpuMs += cpuMs(bot) - cpuBefore;
      const generator = process.cpuUsage(generatorBefore);
      bot.generatorCpuMs += (generator.user + generator.system) / 1000;
    }
  }
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

function reportLatency(ours: Bot, echo: Bot): void {
  const a = summary(ours.samples);
  const b = summary(echo.samples);
  const turnsPerConversation = MESSAGES.length + 1;
  console.log(`\nTurn latency: ${CONCURRENCY} concurrent conversations, ${ROUNDS} rounds per bot (alternating) of ${CONVERSATIONS_PER_ROUND} conversations x ${turnsPerConversation} turns`);
  console.log(`  ${'bot'.padEnd(6)} ${'turns'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'turns/s'.padStart(9)}   CPU ms/turn: bot  load generator`);
  for (const [bot, s] of [[ours, a], [echo, b]] as const) {
    const throughput = ((s.turns / bot.measuredMs) * 1000).toFixed(0).padStart(9);
    const cpu = `${(bot.cpuMs / s.turns).toFixed(2).padStart(16)}  ${(bot.generatorCpuMs / s.turns).toFixed(2).padStart(14)}`;
    console.log(`  ${bot.name.padEnd(6)} ${String(s.turns).padStart(7)} ${fmt(s.p50)} ${fmt(s.p99)} ${throughput}   ${cpu}`);
  }
  const p50 = a.p50 / b.p50;
  const p99 = a.p99 / b.p99;
  console.log(`  ratio ours/echo p50 ${p50.toFixed(2)}x   target <= ${TARGET_P50_RATIO}x   ${verdict(p50 <= TARGET_P50_RATIO)}`);
  console.log(`  ratio ours/echo p99 ${p99.toFixed(2)}x   target <= ${TARGET_P99_RATIO}x   ${verdict(p99 <= TARGET_P99_RATIO)}`);
}

/** Per-turn breakdown, to show which turns are slow. */
function reportByTurn(ours: Bot, echo: Bot, turns: readonly Turn[]): void {
  console.log('\n  by turn                                      ours p50  ours p99  echo p50  echo p99');
  for (const { label } of turns) {
    const a = summary(ours.samples.filter((s) => s.label === label));
    const b = summary(echo.samples.filter((s) => s.label === label));
    console.log(`  ${JSON.stringify(label).padEnd(43)} ${fmt(a.p50)}  ${fmt(a.p99)}  ${fmt(b.p50)}  ${fmt(b.p99)}`);
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
  const ours = await startBot('ours', 'adviceBotServer');
  const echo = await startBot('echo', 'echoBotServer');
  const bots = [ours, echo];
  const turns = script(MESSAGES);

  for (const bot of bots) await runConversations(bot, `${bot.name}-warm`, WARM_UP_CONVERSATIONS, turns);
  failOnErrors(bots);
  const idle = bots.map(rssMb);
  await measureLatency(bots, turns);
  reportLatency(ours, echo);
  reportByTurn(ours, echo, turns);

  const live = script(MESSAGES.slice(0, 2));
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

main()
  .catch((error: Error) => {
    if (!interrupted) console.error(`\nturnBench failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
