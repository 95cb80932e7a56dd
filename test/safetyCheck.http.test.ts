/**
 * The "check" tier in conversation, through /api/messages: when the safety check is unsure, the
 * bot asks "Is anyone in danger right now?" with Yes and No. Yes gives the danger reply; No gives
 * exactly the answer the message would have had, on the first turn, in a journey and in the
 * waiting room. The assessor is scripted (the rules, plus "unsure" about the messages a test
 * names), so each conversation can be compared with the same one where nobody was unsure.
 */
import { RuleSafetyAssessor, SafetyAssessment, SafetyAssessor } from '../src/language/safetyAssessment';
import { knowledgeServices } from './helpers/testServices';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

class ScriptedAssessor implements SafetyAssessor {
  readonly unsureAbout = new Set<string>();
  private readonly rules = new RuleSafetyAssessor(knowledgeServices().safety);

  async assess(text: string): Promise<SafetyAssessment> {
    return this.unsureAbout.has(text) ? { tier: 'check', score: 0.5, kinds: [] } : this.rules.assess(text);
  }
}

type Reply = Awaited<ReturnType<typeof postActivity>>['replies'][number];
const shown = (replies: Reply[]) => replies.map((r) => ({ text: r.text, buttons: r.suggestedActions?.actions.map((a) => a.title) }));

describe('the safety question', () => {
  const assessor = new ScriptedAssessor();
  let server: TestServer;
  let conversations = 0;
  beforeAll(async () => {
    server = await startTestServer({}, () => MONDAY_AFTERNOON, undefined, { safetyAssessor: assessor });
  });
  afterAll(() => server.stop());
  afterEach(() => assessor.unsureAbout.clear());

  const chat = (channelId = 'webchat') => {
    const id = `check-${++conversations}`;
    return async (text: string) => {
      const { status, replies } = await postActivity(server.url, { type: 'message', text, channelId, conversation: { id }, from: { id: `user-${id}` } });
      expect(status).toBe(200);
      return replies;
    };
  };

  /** Runs the same messages twice: first with nobody unsure, then unsure about the last one and answering No. */
  const bothWays = async (before: string[], unsure: string) => {
    const plain = chat();
    for (const text of before) await plain(text);
    const expected = await plain(unsure);
    const checked = chat();
    for (const text of before) await checked(text);
    assessor.unsureAbout.add(unsure);
    const question = await checked(unsure);
    return { expected, question, afterNo: await checked('No') };
  };

  it('asks one direct question with Yes and No buttons on webchat', async () => {
    assessor.unsureAbout.add('he is outside again');
    const replies = await chat()('he is outside again');
    expect(shown(replies).at(-1)).toEqual({ text: 'Is anyone in danger right now?', buttons: ['Yes', 'No'] });
  });

  it('numbers the answers on SMS, and 1 (Yes) gives the danger reply', async () => {
    assessor.unsureAbout.add('he is outside again');
    const say = chat('sms');
    expect(textOf(await say('he is outside again'))).toMatch(/Is anyone in danger right now\?\n1\. Yes\n2\. No/);
    expect(textOf(await say('1'))).toMatch(/999/);
  });

  it('gives the danger reply first on Yes', async () => {
    assessor.unsureAbout.add('he is outside again');
    const say = chat();
    await say('he is outside again');
    const replies = await say('Yes');
    expect(replies[0].text).toMatch(/999/);
  });

  it('on No, answers the first message exactly as it would have, nothing lost', async () => {
    const { expected, question, afterNo } = await bothWays([], 'how long does a section 20 last');
    expect(textOf(question)).toMatch(/Is anyone in danger right now\?/);
    // Answered, or offered first among the topics when search is not sure enough to answer.
    expect(JSON.stringify(shown(expected))).toMatch(/section 20/i);
    expect(shown(afterNo)).toEqual(shown(expected));
  });

  it('on No, gives the answer to a journey question back to the journey', async () => {
    const { expected, question, afterNo } = await bothWays(['hello', 'Court'], 'we got a letter saying they will take us to court');
    expect(textOf(question)).toMatch(/Is anyone in danger right now\?/);
    expect(shown(afterNo)).toEqual(shown(expected));
  });

  it('never asks about one of its own buttons: "Leave the queue" leaves the queue', async () => {
    const say = chat();
    for (const text of ['talk to a person', 'Yes, pass it on', 'skip']) await say(text);
    assessor.unsureAbout.add('Leave the queue');
    const replies = await say('Leave the queue');
    expect(textOf(replies)).not.toMatch(/Is anyone in danger right now\?/);
    expect(textOf(replies)).toMatch(/You have left the queue/);
  });

  it('on No, carries on in the waiting room as before', async () => {
    const { expected, question, afterNo } = await bothWays(['talk to a person', 'Yes, pass it on', 'skip'], 'the meeting is on friday, is that ok');
    expect(textOf(question)).toMatch(/Is anyone in danger right now\?/);
    expect(textOf(expected)).toMatch(/in the queue/);
    // The second family is one place further back in the queue; the reply is otherwise the same.
    const placeless = (replies: Reply[]) => textOf(replies).replace(/\d+/g, 'N');
    expect(placeless(afterNo)).toEqual(placeless(expected));
  });

  it('reads a different message instead of an answer on its own', async () => {
    assessor.unsureAbout.add('he is outside again');
    const say = chat();
    await say('he is outside again');
    expect(textOf(await say('my partner is hitting my son right now'))).toMatch(/999/);
  });
});
