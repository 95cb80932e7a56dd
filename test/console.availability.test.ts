/**
 * Availability: each adviser is Available, Busy or Away, colleagues see it, and only Available
 * advisers with room for another chat count for what a family is told. A quiet console turns Away.
 */
import { AdviserPresence, QUIET_MS } from '../src/handoff/adviserPresence';
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

describe('adviser availability', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'sam');
    await addAdviser(server, 'ali');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  const family = (conversation: string) => (text: string) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });
  // As the page does: sign in, then load the queue. An adviser counts from their console's first call.
  const openConsole = async (name: string) => {
    const adviser = await signIn(server, name);
    await adviser.call('GET', '/advisers/api/queue');
    return adviser;
  };
  const askForAPerson = async (conversation: string) => textOf((await family(conversation)('talk to a person')).replies);
  const queueUp = async (conversation: string) => {
    await askForAPerson(conversation);
    await family(conversation)('Yes, pass it on');
    await family(conversation)('skip');
  };

  it('tells the family an adviser can chat now only while one is Available', async () => {
    expect(await askForAPerson('before-anyone')).toMatch(/no adviser is free right now/);

    const sam = await openConsole('sam');
    expect(await askForAPerson('sam-available')).toMatch(/An adviser can chat with you now/);

    expect((await sam.call('POST', '/advisers/api/availability', { status: 'busy' })).status).toBe(200);
    expect(await askForAPerson('sam-busy')).toMatch(/no adviser is free right now/);
    const queue = (await sam.call('GET', '/advisers/api/queue')).body;
    expect(queue.advisersOnline).toBe(0);
    expect(queue.advisers).toEqual([{ adviser: 'sam', status: 'busy', liveChats: 0 }]);

    await sam.call('POST', '/advisers/api/availability', { status: 'away' });
    expect(await askForAPerson('sam-away')).toMatch(/no adviser is free right now/);
    await sam.call('POST', '/advisers/api/availability', { status: 'available' });
    expect(await askForAPerson('sam-back')).toMatch(/An adviser can chat with you now/);
  });

  it('shows each colleague to the others', async () => {
    const sam = await openConsole('sam');
    const ali = await openConsole('ali');
    await ali.call('POST', '/advisers/api/availability', { status: 'busy' });
    await sam.call('POST', '/advisers/api/availability', { status: 'available' });
    expect((await sam.call('GET', '/advisers/api/queue')).body.advisers).toEqual([
      { adviser: 'ali', status: 'busy', liveChats: 0 },
      { adviser: 'sam', status: 'available', liveChats: 0 },
    ]);
    await ali.call('POST', '/advisers/api/availability', { status: 'away' });
  });

  it('stops counting an adviser who holds 2 live chats, and refuses them a third', async () => {
    const sam = await openConsole('sam');
    for (const name of ['limit-1', 'limit-2', 'limit-3']) await queueUp(name);
    const waiting = (await sam.call('GET', '/advisers/api/queue')).body.waiting as { id: number }[];
    const [first, second, third] = waiting.slice(-3);
    expect((await sam.call('POST', `/advisers/api/handoffs/${first.id}/accept`)).status).toBe(200);
    expect(await askForAPerson('one-chat-held')).toMatch(/An adviser can chat with you now/);
    expect((await sam.call('POST', `/advisers/api/handoffs/${second.id}/accept`)).status).toBe(200);

    expect(await askForAPerson('two-chats-held')).toMatch(/no adviser is free right now/);
    const refused = await sam.call('POST', `/advisers/api/handoffs/${third.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/End one before you accept another/);

    await sam.call('POST', `/advisers/api/handoffs/${first.id}/end`);
    expect((await sam.call('POST', `/advisers/api/handoffs/${third.id}/accept`)).status).toBe(200);
  });

  it('refuses an unknown availability with a message naming the field', async () => {
    const sam = await openConsole('sam');
    const response = await sam.call('POST', '/advisers/api/availability', { status: 'lunch' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/status/);
  });
});

describe('a quiet console', () => {
  it('counts as Away after two minutes without a word, whatever was chosen', () => {
    let now = new Date('2026-11-23T14:00:00Z');
    const presence = new AdviserPresence(() => now);
    presence.seen('sam');
    expect(presence.statusOf('sam')).toBe('available');
    presence.choose('sam', 'busy');
    now = new Date(now.getTime() + QUIET_MS + 1000);
    expect(presence.statusOf('sam')).toBe('away');
    presence.seen('sam');
    expect(presence.statusOf('sam')).toBe('busy');
  });
});
