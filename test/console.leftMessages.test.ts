/**
 * Answering a message left for advisers: on a channel that lets the bot write first, the answer
 * goes to the family's own conversation and the message is done; elsewhere the console says why not.
 */
import { HandoffStore } from '../src/handoff/handoffStore';
import { HandoffSummary } from '../src/handoff/handoffSummary';
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

const summary: HandoffSummary = { reason: 'asked', topic: 'Court', keyDates: [], urgent: false, safetyFlags: [], accessibility: [], channel: 'sms', articlesSeen: [] };

describe('answering a message left for advisers', () => {
  let server: TestServer;
  let channel: FakeChannel;
  const leave = (conversation: string, channelId: string) =>
    new HandoffStore(server.sql).addLeftMessage({
      reference: { channelId, serviceUrl: channel.serviceUrl, conversation: { id: conversation, isGroup: false, conversationType: '', name: '' }, user: { id: `u-${conversation}`, name: '' }, bot: { id: 'bot', name: 'bot' } },
      summary,
      text: 'Please call me about court on Friday',
      at: new Date(),
    });

  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer();
    await addAdviser(server, 'sam');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  it("sends the answer to the family's own conversation and marks the message done", async () => {
    const id = await leave('left-on-sms', 'sms');
    const sam = await signIn(server, 'sam');
    const listed = (await sam.call('GET', '/advisers/api/messages')).body.messages.find((m: { id: number }) => m.id === id);
    expect(listed.canReply).toBe(true);
    const sent = await sam.call('POST', `/advisers/api/messages/${id}/reply`, { text: 'Hello, I can call you on Thursday morning.' });
    expect(sent.status).toBe(200);
    await channel.waitFor('left-on-sms', /An adviser has read the message you left us/);
    await channel.waitFor('left-on-sms', /I can call you on Thursday morning/);
    const after = (await sam.call('GET', '/advisers/api/messages')).body.messages.find((m: { id: number }) => m.id === id);
    expect(after).toMatchObject({ done: true, doneBy: 'sam' });
  });

  it('says plainly when the channel does not let the bot write first', async () => {
    const id = await leave('left-by-email', 'email');
    const sam = await signIn(server, 'sam');
    const refused = await sam.call('POST', `/advisers/api/messages/${id}/reply`, { text: 'Hello' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/does not let us write first/);
    expect(channel.textsFor('left-by-email')).toEqual([]);
  });

  it('tells the adviser, and keeps the message open, when the family opted out with STOP', async () => {
    const sms = (text: string) => postActivity(server.url, { type: 'message', text, channelId: 'sms', conversation: { id: 'left-then-stop' }, from: { id: 'u-left-then-stop' }, serviceUrl: channel.serviceUrl });
    await sms('hello');
    await sms('STOP');
    const id = await leave('left-then-stop', 'sms');
    const sam = await signIn(server, 'sam');
    const before = channel.textsFor('left-then-stop').length;
    const refused = await sam.call('POST', `/advisers/api/messages/${id}/reply`, { text: 'Hello, can I call you?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/opted out/);
    expect(channel.textsFor('left-then-stop').length).toBe(before);
    const after = (await sam.call('GET', '/advisers/api/messages')).body.messages.find((m: { id: number }) => m.id === id);
    expect(after.done).toBe(false);
  });
});
