/**
 * Transfer: an adviser passes a live chat to a colleague, or back to the queue, with a private
 * note. The family is told who has them; a colleague who is away or full cannot be given it.
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

describe('passing a live chat on', () => {
  let server: TestServer;
  let channel: FakeChannel;
  const queueUp = async (conversation: string) => {
    const say = (text: string) =>
      postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
  };

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

  it('moves the chat to a colleague with a private note, and the family is told', async () => {
    await queueUp('to-ali');
    const sam = await signIn(server, 'sam');
    const ali = await signIn(server, 'ali');
    await ali.call('GET', '/advisers/api/queue');
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting.at(-1);
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);

    const moved = await sam.call('POST', `/advisers/api/handoffs/${id}/transfer`, { to: 'ali', note: 'Knows kinship care well.' });
    expect(moved.status).toBe(200);
    await channel.waitFor('to-ali', /Ali, another adviser, is taking over your chat/);
    const seen = (await ali.call('GET', `/advisers/api/handoffs/${id}`)).body;
    expect(seen.handoff.adviser).toBe('ali');
    expect(seen.notes.map((n: { text: string }) => n.text)).toEqual(['Passed to ali: Knows kinship care well.']);
    expect(channel.textsFor('to-ali').join('\n')).not.toMatch(/kinship care well/);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/messages`, { text: 'hello?' })).status).toBe(403);
    expect((await ali.call('POST', `/advisers/api/handoffs/${id}/messages`, { text: 'Hello, I am Ali.' })).status).toBe(200);
  });

  it('puts the chat back in the queue, and the family keeps waiting', async () => {
    await queueUp('to-queue');
    const sam = await signIn(server, 'sam');
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting.at(-1);
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/transfer`, { to: 'queue' })).status).toBe(200);
    await channel.waitFor('to-queue', /passed your chat on, so the next free adviser can help you/);
    const queue = (await sam.call('GET', '/advisers/api/queue')).body;
    expect(queue.waiting.map((h: { id: number }) => h.id)).toContain(id);
    expect(queue.live.map((h: { id: number }) => h.id)).not.toContain(id);
  });

  it('refuses a colleague who is away, and a chat that is not yours', async () => {
    await queueUp('refused');
    const sam = await signIn(server, 'sam');
    const ali = await signIn(server, 'ali');
    await ali.call('POST', '/advisers/api/availability', { status: 'away' });
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting.at(-1);
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/transfer`, { to: 'ali' })).status).toBe(409);
    expect((await ali.call('POST', `/advisers/api/handoffs/${id}/transfer`, { to: 'queue' })).status).toBe(403);
    const blank = await sam.call('POST', `/advisers/api/handoffs/${id}/transfer`, { to: '' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatch(/say who takes the chat/);
  });
});
