/**
 * Where a turn's time goes, stage by stage, when TURN_TIMINGS=1 (off by default: then every timer
 * below is a plain call). Each turn gets its own accumulator through AsyncLocalStorage, so the deep
 * modules that time a stage (search, state, the presenter) need no context passed to them and
 * concurrent turns never mix. Times are exclusive: a stage timed inside another (a send inside
 * rendering, a search inside the dialog) is taken out of the outer one, so the stages add up to
 * the turn. Per turn, each stage's total goes into a small log-bucket histogram.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

export const STAGES = ['parse', 'auth', 'state load', 'safety', 'commands', 'dialog', 'search', 'render', 'send', 'state save', 'transcript'] as const;
export type Stage = (typeof STAGES)[number];

/** Four buckets per doubling from 1 µs: each bucket's bounds are within 19% of each other. */
const BUCKETS_PER_DOUBLING = 4;
const SMALLEST_MS = 0.001;
const BUCKETS = 100;

class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  totalMs = 0;

  add(ms: number): void {
    const index = ms <= SMALLEST_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log2(ms / SMALLEST_MS) * BUCKETS_PER_DOUBLING));
    this.counts[index] += 1;
    this.count += 1;
    this.totalMs += ms;
  }

  /** The middle of the bucket the p-th percentile falls in. */
  percentile(p: number): number {
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank && seen > 0) return SMALLEST_MS * 2 ** ((i + 0.5) / BUCKETS_PER_DOUBLING);
    }
    return 0;
  }
}

export interface StageFigures {
  stage: Stage | 'other' | 'turn';
  /** How many turns spent time in this stage. */
  turns: number;
  /** Over the turns that ran the stage. */
  p50Ms: number;
  p99Ms: number;
  /** Over every turn, whether it ran the stage or not: these add up to the turn's mean. */
  meanMsPerTurn: number;
}

interface TurnAccumulator {
  start: number;
  spent: Float64Array;
  /** The stage running now (index), to take nested stages out of it. */
  current: number;
}

const NO_STAGE = -1;
const turnStore = new AsyncLocalStorage<TurnAccumulator>();
const stageIndex = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));

export class TurnTimings {
  private readonly stages = STAGES.map(() => new Histogram());
  /** Time in the turn outside every named stage: the framework's middleware, the adapter, awaits. */
  private readonly other = new Histogram();
  private readonly turns = new Histogram();

  finish(turn: TurnAccumulator): void {
    const total = performance.now() - turn.start;
    let named = 0;
    turn.spent.forEach((ms, i) => {
      if (ms <= 0) return;
      this.stages[i].add(ms);
      named += ms;
    });
    this.other.add(Math.max(0, total - named));
    this.turns.add(total);
  }

  figures(): StageFigures[] {
    const turns = this.turns.count;
    const row = (stage: StageFigures['stage'], h: Histogram): StageFigures => ({
      stage,
      turns: h.count,
      p50Ms: h.percentile(50),
      p99Ms: h.percentile(99),
      meanMsPerTurn: turns ? h.totalMs / turns : 0,
    });
    return [...STAGES.map((s, i) => row(s, this.stages[i])), row('other', this.other), row('turn', this.turns)];
  }
}

let timings: TurnTimings | undefined;

/** Turns the timings on for this process (src/index.ts, when TURN_TIMINGS=1), from an empty start. */
export function startTurnTimings(): void {
  recordTurnTimingsInto(new TurnTimings());
}

/** Turns from now on are recorded into `recorder` (the benchmark keeps one per kind of turn). */
export function recordTurnTimingsInto(recorder: TurnTimings): void {
  timings = recorder;
}

export function turnTimingsOn(): boolean {
  return timings !== undefined;
}

/** The figures so far, or undefined when the timings are off. */
export function turnTimingFigures(): StageFigures[] | undefined {
  return timings?.figures();
}

/** Runs one turn (the HTTP request that carries it) with its own accumulator; `start` is when the request arrived. */
export async function timeTurn<T>(start: number, run: () => Promise<T>): Promise<T> {
  const recorder = timings;
  if (!recorder) return run();
  const turn: TurnAccumulator = { start, spent: new Float64Array(STAGES.length), current: NO_STAGE };
  try {
    return await turnStore.run(turn, run);
  } finally {
    recorder.finish(turn);
  }
}

/** Adds time measured elsewhere (parsing, before the turn's timer could start) to this turn's stage. */
export function addStageTime(stage: Stage, ms: number): void {
  const turn = timings && turnStore.getStore();
  if (turn) turn.spent[stageIndex.get(stage)!] += ms;
}

/** Times `work` (sync, or async until it settles) as `stage` of the current turn, taking it out of the stage around it. */
export function timed<T>(stage: Stage, work: () => T): T {
  const turn = timings && turnStore.getStore();
  if (!turn) return work();
  const index = stageIndex.get(stage)!;
  const outer = turn.current;
  const start = performance.now();
  turn.current = index;
  const done = () => {
    const ms = performance.now() - start;
    turn.spent[index] += ms;
    if (outer !== NO_STAGE) turn.spent[outer] -= ms;
    turn.current = outer;
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    done();
    throw error;
  }
  // A thenable, not instanceof Promise: promises from another realm (Node's own modules under jest) count too.
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function') return Promise.resolve(result).finally(done) as T;
  done();
  return result;
}
