/**
 * At least 10,000 hostile requests with a fixed seed against the real server process, across
 * /api/messages, the built-in Direct Line (REST and WebSocket), the connector routes, the token
 * route and the adviser console API, 8 at a time in batches of 200. Between batches: the process
 * is alive, a valid turn is answered in a long-lived and in a new conversation, every 5 batches a
 * whole Direct Line round trip works, and RSS stays within 20% of its level after the warm-up (the first 5 batches):
 * the highest of the 5 samples after it, since RSS rises and falls with each garbage collection.
 * No answer may be a 5xx, except a deliberate 503 (and 501 for an invoke no handler takes).
 *
 * A failure names the seed and the case number: FUZZ_SEED=7 FUZZ_ONLY=1234 replays that one case.
 * FUZZ_REQUESTS changes how many are sent; FUZZ_SKIP=a,b leaves out the cases whose name contains
 * a or b (to see what else fails while a known crash is being fixed). A JSON report of every run
 * goes to the temp folder.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAdviserWithCli, ChildServer, removeData, startChildServer } from '../helpers/childServer';
import { FakeChannel, startFakeChannel } from '../helpers/fakeChannel';
import { FuzzCase, FuzzContext, makeCase } from '../helpers/fuzzCases';
import { APOLOGY, channelTurn, signInAdviser, startWebchat, textsOf } from '../helpers/liveClients';
import { Outcome, sendCase } from '../helpers/rawRequest';

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const SKIP = (process.env.FUZZ_SKIP ?? '').split(',').filter(Boolean);
const BATCH = 200;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 10_000;
const UPGRADE_TIMEOUT_MS = 1_500;
/** A server that has not answered /healthz for this long is stuck. */
const HANG_MS = 10_000;
const RSS_MARGIN = 1.2;
/** The heap (capped at 128 MB) takes a few batches to reach its working size: RSS is measured from there. */
const WARM_UP_BATCHES = 5;
/**
 * RSS goes up and down with each garbage collection, so "where it began" is the highest of the next
 * few samples, and later peaks are compared with that peak: a leak shows as peaks that keep rising.
 */
const BASELINE_BATCHES = 5;
/** The issue's limit for 10,000 requests on this 2-core machine; FUZZ_TIME_LIMIT_S changes it on a busier one. */
const TIME_LIMIT_S = Number(process.env.FUZZ_TIME_LIMIT_S ?? 180);
const MAX_RESTARTS = 6;
/** Webchat with an adviser never opens, so fuzzed "talk to a person" turns do not fill a queue. */
const ENV = { WEBCHAT_HOURS: 'Sun 03:00-03:01' };
const PASSWORD = 'correct horse battery staple';

let channel: FakeChannel;
let server: ChildServer;
const servers: ChildServer[] = [];

async function start(dataDir?: string): Promise<ChildServer> {
  const next = await startChildServer({ env: ENV, dataDir, logFile: servers[0]?.logFile });
  servers.push(next);
  return next;
}

/** Real credentials for the cases to use; the adviser's session lives in the database, so it outlasts a restart. */
async function contextFor(running: ChildServer, previous?: FuzzContext): Promise<FuzzContext> {
  const webchat = await startWebchat(running.url);
  const adviser = previous ? previous.console : await signInAdviser(running.url, 'sam', PASSWORD);
  return { serviceUrl: channel.serviceUrl, directLine: { token: webchat.token, conversationId: webchat.conversationId }, console: { cookie: adviser.cookie, csrf: adviser.csrf } };
}

beforeAll(async () => {
  channel = await startFakeChannel();
  server = await start();
  addAdviserWithCli(server.dataDir, 'sam', PASSWORD);
}, 60_000);

afterAll(async () => {
  for (const running of servers) await running.stop();
  await channel?.close();
  if (servers[0]) removeData(servers[0].dataDir, servers[0].logFile);
});

/**
 * Runs the cases with at most CONCURRENCY in flight; outcomes in the same order. A watchdog asks
 * /healthz every second: if the server has not answered for HANG_MS, its event loop is stuck, so
 * the batch stops there (the server is then killed and restarted, and that counts as a failure).
 */
async function runBatch(running: ChildServer, cases: FuzzCase[]): Promise<{ outcomes: (Outcome | undefined)[]; hung: boolean }> {
  const outcomes: (Outcome | undefined)[] = new Array(cases.length);
  let next = 0;
  let done = false;
  let hung = false;
  const lane = async () => {
    while (next < cases.length && !hung) {
      const i = next++;
      outcomes[i] = await sendCase(running.port, cases[i], cases[i].upgrade ? UPGRADE_TIMEOUT_MS : REQUEST_TIMEOUT_MS);
    }
  };
  const watchdog = async () => {
    let lastAnswer = Date.now();
    while (!done && running.alive()) {
      const asked = Date.now();
      const health = await sendCase(running.port, HEALTH, HANG_MS);
      if (health.status === 200) lastAnswer = Date.now();
      else if (Date.now() - lastAnswer >= HANG_MS) {
        hung = true;
        await running.kill9();
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - asked))));
    }
  };
  const watching = watchdog();
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  done = true;
  await watching;
  return { outcomes, hung };
}

const HEALTH: FuzzCase = { name: 'healthz', method: 'GET', path: '/healthz', headers: {} };

/** A valid expectReplies turn must get a real answer. */
async function validTurn(running: ChildServer, conversationId: string): Promise<string | undefined> {
  try {
    const { status, replies } = await channelTurn({ url: running.url, conversationId, text: 'what is section 20', serviceUrl: channel.serviceUrl });
    const texts = textsOf(replies);
    if (status !== 200) return `HTTP ${status}`;
    if (!texts.length) return 'no reply';
    if (texts.some((t) => APOLOGY.test(t))) return 'an apology';
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function directLineRoundTrip(running: ChildServer): Promise<string | undefined> {
  try {
    // Another family, from another address than the flood's: its chat must start and be answered.
    const webchat = await startWebchat(running.url, '127.0.0.2');
    await webchat.say('what is section 20', /./);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Stands in for a case left out with FUZZ_SKIP: cheap, and answered 200. */
const SKIPPED: FuzzCase = { name: 'skipped', method: 'GET', path: '/healthz', headers: {} };

const caseLabel = (index: number, fuzzCase: FuzzCase) => `FUZZ_SEED=${SEED} FUZZ_ONLY=${index} ${fuzzCase.method} ${fuzzCase.path.slice(0, 80)} (${fuzzCase.name})`;

it(`survives ${TOTAL} hostile requests (seed ${SEED})`, async () => {
  const started = Date.now();
  let context = await contextFor(server);
  let cpuSeconds = 0;
  let cpuAtStart = server.cpuSeconds();
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  const fiveXxByFamily: Record<string, number> = {};
  let slow = 0;
  let sent = 0;
  const timeouts: string[] = [];
  /** Milliseconds spent waiting per family (the first two parts of the name), to see where the time goes. */
  const msByFamily: Record<string, number> = {};
  let restarts = 0;
  let baselineKb: number | undefined;
  let warmUpBatches = 0;
  const rssSamples: number[] = [];
  const startSamples: number[] = [];
  let previous: { index: number; fuzzCase: FuzzCase; outcome: Outcome }[] = [];

  const indices = ONLY === undefined ? Array.from({ length: TOTAL }, (_, i) => i) : [ONLY];
  for (let batch = 0; batch * BATCH < indices.length; batch++) {
    const batchIndices = indices.slice(batch * BATCH, (batch + 1) * BATCH);
    const cases = batchIndices.map((i) => makeCase(SEED, i, context)).map((c) => (SKIP.some((s) => c.name.includes(s)) ? SKIPPED : c));
    const { outcomes, hung } = await runBatch(server, cases);
    const results = batchIndices.map((index, i) => ({ index, fuzzCase: cases[i], outcome: outcomes[i] })).filter((r): r is { index: number; fuzzCase: FuzzCase; outcome: Outcome } => r.outcome !== undefined);
    sent += results.filter((r) => r.fuzzCase !== SKIPPED).length;

    for (const { index, fuzzCase, outcome } of results) {
      const key = outcome.status !== undefined ? String(outcome.status) : (outcome.error ?? '?');
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (outcome.ms > 2000) slow++;
      const family = fuzzCase.name.split('/').slice(0, 2).join('/').split(':')[0];
      msByFamily[family] = (msByFamily[family] ?? 0) + outcome.ms;
      if (outcome.error === 'timeout') timeouts.push(caseLabel(index, fuzzCase));
      const status = outcome.status ?? 0;
      if (status >= 500 && status !== 503 && !fuzzCase.allowed5xx?.includes(status)) {
        fiveXxByFamily[family] = (fiveXxByFamily[family] ?? 0) + 1;
        failures.push(`${status} for ${caseLabel(index, fuzzCase)}: ${(outcome.bodyStart ?? '').slice(0, 120)}`);
      }
      if (outcome.error === 'held') failures.push(`upgrade never answered: ${caseLabel(index, fuzzCase)}`);
    }

    if (hung) {
      const suspects = results.filter(({ outcome }) => outcome.error === 'timeout' || outcome.ms > 5000).slice(0, 12);
      failures.push(`HANG in batch ${batch}: /healthz unanswered for ${HANG_MS / 1000} s; suspects: ${suspects.map((r) => caseLabel(r.index, r.fuzzCase)).join('; ')}`);
    }
    const longLived = await validTurn(server, 'fuzz-probe-long');
    const fresh = await validTurn(server, `fuzz-probe-${batch}`);
    const roundTrip = batch % 5 === 4 ? await directLineRoundTrip(server) : undefined;
    await new Promise((r) => setTimeout(r, 20));

    if (!server.alive()) {
      // A crash can come a moment after its request was answered (a deferred write, running out of memory): suspect this batch and the last.
      // The requests just before the first broken connection; a slow one is a suspect too.
      const recent = [...previous, ...results];
      const firstBroken = recent.findIndex(({ outcome }) => outcome.error === 'ECONNRESET' || outcome.error === 'ECONNREFUSED');
      const window = recent.slice(Math.max(0, (firstBroken === -1 ? recent.length : firstBroken) - 10), firstBroken === -1 ? undefined : firstBroken + 1);
      const suspects = [...recent.filter(({ outcome }) => outcome.ms > 5000), ...window].slice(0, 14);
      const stderr = server.stderr().trim().split('\n').filter((l) => /Error|error|FATAL|heap/.test(l)).slice(0, 3).join(' | ');
      if (!hung) failures.push(`CRASH in batch ${batch} (${await server.exited.then((e) => `code ${e.code}, signal ${e.signal}`)}): ${stderr.slice(0, 300)}; suspects: ${suspects.map((s) => caseLabel(s.index, s.fuzzCase)).join('; ')}`);
      if (++restarts > MAX_RESTARTS) {
        failures.push(`stopped after ${MAX_RESTARTS} crashes or hangs, having sent ${sent} requests`);
        break;
      }
      server = await start(server.dataDir);
      context = await contextFor(server, context);
      cpuAtStart = server.cpuSeconds();
      baselineKb = undefined;
      warmUpBatches = 0;
      startSamples.length = 0;
      previous = [];
      continue;
    }
    if (longLived) failures.push(`batch ${batch}: valid turn in the long-lived conversation failed: ${longLived}`);
    if (fresh) failures.push(`batch ${batch}: valid turn in a new conversation failed: ${fresh}`);
    if (roundTrip) failures.push(`batch ${batch}: Direct Line round trip failed: ${roundTrip}`);

    const rss = server.rssKb();
    rssSamples.push(rss);
    if (baselineKb === undefined) {
      if (++warmUpBatches > WARM_UP_BATCHES) startSamples.push(rss);
      if (startSamples.length === BASELINE_BATCHES) baselineKb = Math.max(...startSamples);
    } else if (rss > baselineKb * RSS_MARGIN) failures.push(`batch ${batch}: RSS ${rss} kB is more than ${RSS_MARGIN} x the ${baselineKb} kB after warm-up`);
    previous = results;
  }

  const seconds = (Date.now() - started) / 1000;
  if (server.alive()) cpuSeconds = server.cpuSeconds() - cpuAtStart;
  if (ONLY === undefined && !SKIP.length && seconds > TIME_LIMIT_S) failures.push(`took ${seconds.toFixed(0)} s; the limit is ${TIME_LIMIT_S} s`);
  const report = { seed: SEED, requests: sent, seconds, serverCpuSeconds: cpuSeconds, statuses, fiveXxByFamily, slowOver2s: slow, timeouts: timeouts.slice(0, 50), msByFamily, restarts, baselineKb, rssSamples, failures };
  writeFileSync(join(tmpdir(), `fuzz-report-seed-${SEED}.json`), JSON.stringify(report, null, 2));
  console.log(`fuzz report: ${join(tmpdir(), `fuzz-report-seed-${SEED}.json`)}`);
  console.log(`fuzz: ${sent} requests in ${seconds.toFixed(1)} s (server CPU ${cpuSeconds.toFixed(1)} s since the last start), seed ${SEED}; statuses ${JSON.stringify(statuses)}; RSS after warm-up ${baselineKb} kB, samples ${rssSamples.join(',')}; ${failures.length} failures`);
  expect(failures.slice(0, 60)).toEqual([]);
}, 600_000);
