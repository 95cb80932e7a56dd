/**
 * Handing a conversation to an adviser, end to end: the family through /api/messages, the adviser
 * through the console's own API, and the adviser's words reaching the family through the channel.
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

let clock = new Date('2026-11-23T14:00:00Z');
const now = () => clock;

describe('a handoff in webchat hours', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, now);
    await addAdviser(server, 'sam');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  const family = (conversation: string) => (text: string) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });

  it('goes from consent to the queue, to an adviser and back to the bot', async () => {
    const say = family('family-1');
    const adviser = await signIn(server, 'sam');
    await adviser.call('GET', '/advisers/api/queue');
    await say('what is a child protection plan');
    expect(textOf((await say('talk to a person')).replies)).toMatch(/so you do not have to say it all again/);
    const queued = (await say('Yes, pass it on')).replies;
    expect(textOf(queued)).toMatch(/You are number 1 in the queue\. The wait may be about 2 minutes\./);
    const initiate = queued.find((a) => a.type === 'event') as unknown as { name: string; value: { topic: string }; attachments: { content: { activities: { text: string }[] } }[] };
    expect(initiate.name).toBe('handoff.initiate');
    expect(initiate.value.topic).toBe('What a child protection plan means');
    expect(initiate.attachments[0].content.activities.some((a) => /child protection plan/.test(a.text))).toBe(true);

    const queue = (await adviser.call('GET', '/advisers/api/queue')).body;
    expect(queue.waiting).toHaveLength(1);
    const entry = queue.waiting[0];
    expect(entry.position).toBe(1);
    expect(entry.summary).toMatchObject({ topic: 'What a child protection plan means', reason: 'asked', urgent: false, channel: 'webchat' });
    expect(entry.summary.articleTitles).toEqual(['What a child protection plan means']);

    expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/accept`)).status).toBe(200);
    await channel.waitFor('family-1', /Sam, an adviser, has joined the chat/);

    const whileHeld = await say('Hello, the meeting is on Friday and I am scared');
    expect(whileHeld.replies.filter((a) => a.type === 'message')).toEqual([]);
    const seen = (await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).body;
    expect(seen.transcript.map((l: { sender: string; text: string }) => `${l.sender}: ${l.text}`)).toContain('user: Hello, the meeting is on Friday and I am scared');

    expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/messages`, { text: 'Hello, I am Sam. Let us look at Friday together.' })).status).toBe(200);
    await channel.waitFor('family-1', /Let us look at Friday together/);

    expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/end`)).status).toBe(200);
    const ended = await channel.waitFor('family-1', /How was your chat with the adviser\? Pick one, or skip\./);
    expect(ended.suggestedActions?.actions.map((a) => a.title)).toEqual(['Good', 'OK', 'Not good', 'Skip']);
    expect(textOf((await say('Good')).replies)).toMatch(/Thank you/);
    expect((await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).body.rating).toBe('good');
    expect(textOf((await say('what is early help')).replies)).toMatch(/Early help/i);
  });

  it('tells each waiting family their new place when the queue moves, with an honest wait', async () => {
    const adviser = await signIn(server, 'sam');
    for (const id of ['q-1', 'q-2', 'q-3']) {
      const say = family(id);
      await say('talk to a person');
      await say('Yes, pass it on');
      await say('skip');
    }
    const waiting = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
    expect(waiting.map((w: { position: number }) => w.position)).toEqual([1, 2, 3]);
    expect(channel.textsFor('q-3').length).toBe(0);
    await adviser.call('POST', `/advisers/api/handoffs/${waiting[0].id}/accept`);
    await channel.waitFor('q-2', /You are now number 1 in the queue/);
    await channel.waitFor('q-3', /You are now number 2 in the queue/);
    await adviser.call('POST', `/advisers/api/handoffs/${waiting[0].id}/end`);
  });

  it('lets a family stop waiting, and moves the others up', async () => {
    const say = family('leaver');
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    expect(textOf((await say('Leave the queue')).replies)).toMatch(/You have left the queue/);
  });
});

describe('out of webchat hours', () => {
  let server: TestServer;
  beforeAll(async () => {
    clock = new Date('2026-11-28T19:00:00Z');
    server = await startTestServer({}, now);
    await addAdviser(server, 'kim');
  });
  afterAll(() => server.stop());

  it('says exactly when webchat opens, and keeps a message for the advisers', async () => {
    const say = (text: string) => postActivity(server.url, { type: 'message', text, conversation: { id: 'night' }, from: { id: 'night-user' } });
    expect(textOf((await say('talk to a person')).replies)).toMatch(/Webchat with an adviser opens on Monday at 1pm\./);
    await say('Leave a message');
    expect(textOf((await say('Please call me about the court papers <b>urgently</b>')).replies)).toMatch(/An adviser will read it on Monday at 1pm/);
    const adviser = await signIn(server, 'kim');
    const messages = (await adviser.call('GET', '/advisers/api/messages')).body.messages;
    expect(messages[0]).toMatchObject({ text: 'Please call me about the court papers <b>urgently</b>', done: false });
    expect((await adviser.call('POST', `/advisers/api/messages/${messages[0].id}/done`)).status).toBe(200);
    expect((await adviser.call('GET', '/advisers/api/messages')).body.messages[0]).toMatchObject({ done: true, doneBy: 'kim' });
  });
});

describe('a restart with a queued and a live conversation', () => {
  it('loses no queue entry, message or transcript', async () => {
    clock = new Date('2026-11-23T14:00:00Z');
    const channel = await startFakeChannel();
    const first = await startTestServer({}, now);
    await addAdviser(first, 'ali');
    const say = (server: TestServer, conversation: string, text: string) =>
      postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, from: { id: `u-${conversation}` }, serviceUrl: channel.serviceUrl });
    for (const id of ['live-one', 'queued-one']) {
      await say(first, id, 'what is section 20');
      await say(first, id, 'talk to a person');
      await say(first, id, 'Yes, pass it on');
    }
    const before = await signIn(first, 'ali');
    const [live] = (await before.call('GET', '/advisers/api/queue')).body.waiting;
    await before.call('POST', `/advisers/api/handoffs/${live.id}/accept`);
    await first.stop({ keepData: true });

    const second = await startTestServer({}, now, first.dataDir);
    try {
      const after = await signIn(second, 'ali');
      const queue = (await after.call('GET', '/advisers/api/queue')).body;
      expect(queue.live.map((h: { id: number }) => h.id)).toEqual([live.id]);
      expect(queue.waiting).toHaveLength(1);
      expect((await say(second, 'live-one', 'are you still there?')).replies.filter((a) => a.type === 'message')).toEqual([]);
      const transcript = (await after.call('GET', `/advisers/api/handoffs/${live.id}`)).body.transcript.map((l: { text: string }) => l.text);
      expect(transcript).toEqual(expect.arrayContaining(['what is section 20', 'are you still there?']));
      await after.call('POST', `/advisers/api/handoffs/${live.id}/messages`, { text: 'Yes, I am here.' });
      await channel.waitFor('live-one', /Yes, I am here\./);
    } finally {
      await second.stop();
      await channel.close();
    }
  });
});
