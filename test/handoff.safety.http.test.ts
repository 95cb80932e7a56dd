/**
 * Safety and care while a family waits for or talks with an adviser: danger still gets 999 at
 * once and the adviser is alerted; a line the safety check is unsure of is marked for the adviser; a
 * poisoned line cannot hurt the console; talk about numbers is not a choice to leave the queue.
 */
import { RuleSafetyAssessor, SafetyAssessment, SafetyAssessor } from '../src/language/safetyAssessment';
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { knowledgeServices } from './helpers/testServices';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const clock = new Date('2026-11-23T14:00:00Z');

describe('while a family waits or chats with an adviser', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => clock);
    await addAdviser(server, 'sam');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  const family = (conversation: string) => (text: string) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });
  const queueUp = async (conversation: string) => {
    const say = family(conversation);
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    return say;
  };

  it.each(['I have 2 kids', 'my son is 2', 'two kids', 'ok 2', 'one sec', 'hang on 1 minute', 'my daughter is 1'])(
    'keeps a family in the queue when they say "%s"',
    async (text) => {
      const conversation = `wait-${text.replace(/\W/g, '-')}`;
      const say = await queueUp(conversation);
      // The safety model may be unsure about a short message about a child and ask first; No carries on.
      let reply = textOf((await say(text)).replies);
      if (reply === 'Is anyone in danger right now?') reply = textOf((await say('No')).replies);
      expect(reply).not.toMatch(/left the queue|Type your message/);
      expect(reply).toMatch(/still number \d in the queue/);
    },
  );

  it('still leaves the queue on a bare "2"', async () => {
    const say = await queueUp('wait-bare-2');
    expect(textOf((await say('2')).replies)).toMatch(/You have left the queue/);
  });

  it('gives the danger reply during a live chat, flags the summary and alerts the adviser', async () => {
    const say = await queueUp('live-danger');
    const adviser = await signIn(server, 'sam');
    // The family who queued last is last in the queue.
    const target = (await adviser.call('GET', '/advisers/api/queue')).body.waiting.at(-1);
    expect((await adviser.call('POST', `/advisers/api/handoffs/${target.id}/accept`)).status).toBe(200);

    const calm = await say('the meeting is on friday');
    expect(calm.replies.filter((a) => a.type === 'message')).toEqual([]);

    const danger = await say('my partner is hitting me now');
    expect(textOf(danger.replies)).toMatch(/999/);

    const seen = (await adviser.call('GET', `/advisers/api/handoffs/${target.id}`)).body;
    expect(seen.handoff.summary.safetyFlags).toContain('violence');
    expect(seen.handoff.summary.urgent).toBe(true);
    const lines = seen.transcript as { sender: string; text: string; danger: boolean }[];
    expect(lines.find((l) => l.text === 'my partner is hitting me now')?.danger).toBe(true);
    expect(lines.find((l) => l.text === 'the meeting is on friday')?.danger).toBe(false);
    expect(lines.some((l) => l.sender === 'bot' && /999/.test(l.text))).toBe(true);
  });

  it('keeps serving the console after a family relays a 1,000-letter line (it once crashed every time it was opened)', async () => {
    const say = await queueUp('live-poison');
    const adviser = await signIn(server, 'sam');
    const target = (await adviser.call('GET', '/advisers/api/queue')).body.waiting.at(-1);
    await adviser.call('POST', `/advisers/api/handoffs/${target.id}/accept`);
    const letters = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + ((i * 31) % 26))).join('');
    expect((await say(letters)).status).toBe(200);
    for (let open = 0; open < 3; open++) expect((await adviser.call('GET', `/advisers/api/handoffs/${target.id}`)).status).toBe(200);
  });
});

describe('a family ending a live chat themselves', () => {
  it('ends it on "end chat", tells the adviser, and the bot is back', async () => {
    const channel = await startFakeChannel();
    const server = await startTestServer({}, () => clock);
    try {
      await addAdviser(server, 'kim');
      const say = (text: string) => postActivity(server.url, { type: 'message', text, conversation: { id: 'leaver' }, from: { id: 'u-leaver' }, serviceUrl: channel.serviceUrl });
      await say('talk to a person');
      await say('Yes, pass it on');
      await say('skip');
      const adviser = await signIn(server, 'kim');
      const [entry] = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
      await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/accept`);
      expect((await channel.waitFor('leaver', /To stop, type end chat/)).text).toMatch(/Kim, an adviser, has joined/);
      await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/messages`, { text: 'Hello, how can I help?' });
      expect((await channel.waitFor('leaver', /how can I help/)).suggestedActions?.actions.map((a) => a.title)).toEqual(['End chat']);

      const ended = await say('I want to stop talking to the adviser');
      expect(textOf(ended.replies)).toMatch(/You have ended the chat with the adviser/);
      expect(textOf(ended.replies)).toMatch(/How was your chat with the adviser\?/);

      const seen = (await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).body;
      expect(seen.handoff.status).toBe('ended');
      expect(seen.transcript.map((l: { text: string }) => l.text)).toEqual(expect.arrayContaining(['I want to stop talking to the adviser', 'You have ended the chat with the adviser. I am the computer helper again.']));
      expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/messages`, { text: 'are you there?' })).status).toBe(409);
      expect(textOf((await say('It helped')).replies)).toMatch(/Thank you/);
    } finally {
      await server.stop();
      await channel.close();
    }
  });
});

describe('a line the safety check is unsure of, during a live chat', () => {
  const UNSURE = 'he is outside again';
  /** The rules, and unsure about one message: the conversation does not depend on the model's weights. */
  class UnsureAboutOne implements SafetyAssessor {
    private readonly rules = new RuleSafetyAssessor(knowledgeServices().safety);

    async assess(text: string): Promise<SafetyAssessment> {
      return text === UNSURE ? { tier: 'check', score: 0.5, kinds: [] } : this.rules.assess(text);
    }
  }
  const assessor = new UnsureAboutOne();

  it('goes to the adviser without the bot asking anything, marked as unsure', async () => {
    const channel = await startFakeChannel();
    const server = await startTestServer({}, () => clock, undefined, { safetyAssessor: assessor });
    try {
      await addAdviser(server, 'jo');
      const say = (text: string) =>
        postActivity(server.url, { type: 'message', text, conversation: { id: 'live-unsure' }, from: { id: 'user-live-unsure' }, serviceUrl: channel.serviceUrl });
      for (const text of ['talk to a person', 'Yes, pass it on', 'skip']) await say(text);
      const adviser = await signIn(server, 'jo');
      const [entry] = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
      expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/accept`)).status).toBe(200);

      expect((await say(UNSURE)).replies.filter((a) => a.type === 'message')).toEqual([]);
      await say('the meeting is on friday');

      const lines = (await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).body.transcript as { text: string; danger: boolean; unsure: boolean }[];
      expect(lines.find((l) => l.text === UNSURE)).toMatchObject({ danger: false, unsure: true });
      expect(lines.find((l) => l.text === 'the meeting is on friday')).toMatchObject({ danger: false, unsure: false });
    } finally {
      await server.stop();
      await channel.close();
    }
  });
});
