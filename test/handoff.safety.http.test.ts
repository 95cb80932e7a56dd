/**
 * Safety and care while a family waits for or talks with an adviser: danger still gets 999 at
 * once and the adviser is alerted; a poisoned line cannot hurt the console; talk about numbers is
 * not a choice to leave the queue.
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
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
      const reply = textOf((await say(text)).replies);
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
