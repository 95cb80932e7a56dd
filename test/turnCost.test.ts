/**
 * What a turn runs: a menu pick, a number or a command needs no understanding, so it never reaches
 * search (nor, later, any model behind it); a question in the user's own words does. Read through
 * the per-stage turn timings (TURN_TIMINGS), which count the turns that ran each stage.
 */
import { performance } from 'node:perf_hooks';
import { recordTurnTimingsInto, timeTurn, TurnTimings } from '../src/metrics/turnTimings';
import { startConversation, TestConversation } from './helpers/conversation';

/** How many of these turns ran search. */
async function searchedTurns(chat: TestConversation, texts: readonly string[]): Promise<number> {
  const recorder = new TurnTimings();
  recordTurnTimingsInto(recorder);
  for (const text of texts) await timeTurn(performance.now(), () => chat.say(text));
  return recorder.figures().find((f) => f.stage === 'search')!.turns;
}

describe('the cost of a turn', () => {
  it('never searches for a menu pick, a number at a question or a command', async () => {
    const chat = startConversation();
    await chat.open();
    expect(await searchedTurns(chat, ['1', '1', 'menu', 'help', 'Court', 'back', 'menu', '3', 'talk to a person'])).toBe(0);
  });

  it('searches for a question in the user\'s own words, once', async () => {
    const chat = startConversation();
    await chat.open();
    expect(await searchedTurns(chat, ['the social want me to sign a section 20'])).toBe(1);
  });
});
