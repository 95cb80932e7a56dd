/** Per-stage turn timings (TURN_TIMINGS=1): off by default, exclusive per stage, one accumulator per turn. */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { recordTurnTimingsInto, timed, timeTurn, turnTimingFigures, turnTimingsOn, TurnTimings } from '../src/metrics/turnTimings';

const figure = (recorder: TurnTimings, stage: string) => recorder.figures().find((f) => f.stage === stage)!;

describe('turn timings', () => {
  it('are off unless started, and then a timed stage is a plain call', async () => {
    expect(turnTimingsOn()).toBe(false);
    expect(turnTimingFigures()).toBeUndefined();
    expect(timed('search', () => 42)).toBe(42);
    await expect(timeTurn(performance.now(), async () => timed('dialog', async () => 'done'))).resolves.toBe('done');
  });

  it('take a stage timed inside another out of the outer one, so the stages add up to the turn', async () => {
    const recorder = new TurnTimings();
    recordTurnTimingsInto(recorder);
    await timeTurn(performance.now(), () =>
      timed('dialog', async () => {
        await sleep(20);
        await timed('search', () => sleep(30));
      }),
    );
    const dialog = figure(recorder, 'dialog');
    const search = figure(recorder, 'search');
    const turn = figure(recorder, 'turn');
    expect(search.meanMsPerTurn).toBeGreaterThanOrEqual(25);
    expect(dialog.meanMsPerTurn).toBeGreaterThanOrEqual(15);
    expect(dialog.meanMsPerTurn).toBeLessThan(search.meanMsPerTurn);
    const stages = recorder.figures().filter((f) => f.stage !== 'turn').reduce((sum, f) => sum + f.meanMsPerTurn, 0);
    expect(stages).toBeCloseTo(turn.meanMsPerTurn, 0);
  });

  it('keep concurrent turns apart and count only the turns that ran a stage', async () => {
    const recorder = new TurnTimings();
    recordTurnTimingsInto(recorder);
    const searching = timeTurn(performance.now(), () => timed('search', () => sleep(10)));
    const choosing = timeTurn(performance.now(), () => timed('commands', () => sleep(10)));
    await Promise.all([searching, choosing]);
    expect(figure(recorder, 'turn').turns).toBe(2);
    expect(figure(recorder, 'search').turns).toBe(1);
    expect(figure(recorder, 'commands').turns).toBe(1);
    expect(figure(recorder, 'state load').turns).toBe(0);
  });

  it('count a stage that throws, and let the error through', async () => {
    const recorder = new TurnTimings();
    recordTurnTimingsInto(recorder);
    const failing = timeTurn(performance.now(), async () => timed('state save', () => {
      throw new Error('disk full');
    }));
    await expect(failing).rejects.toThrow('disk full');
    expect(figure(recorder, 'state save').turns).toBe(1);
  });
});
