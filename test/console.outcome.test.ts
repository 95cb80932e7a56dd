/** After the chat: the adviser who had it records what came of it, once, with a private note. */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

describe('the outcome of a chat', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => new Date('2026-11-23T14:00:00Z'));
    await addAdviser(server, 'sam');
    await addAdviser(server, 'ali');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  it('is recorded once by the adviser who had the chat, after it ends', async () => {
    const say = (text: string) =>
      postActivity(server.url, { type: 'message', text, conversation: { id: 'outcome' }, from: { id: 'user-outcome' }, serviceUrl: channel.serviceUrl });
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    const sam = await signIn(server, 'sam');
    const ali = await signIn(server, 'ali');
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting[0];
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'referred' })).status).toBe(409);
    await sam.call('POST', `/advisers/api/handoffs/${id}/end`);

    expect((await ali.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'referred' })).status).toBe(409);
    const bad = await sam.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'sorted' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/outcome/);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'call-back', note: 'Ring Thursday am.' })).status).toBe(200);
    expect((await sam.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'referred' })).status).toBe(409);

    const seen = (await ali.call('GET', `/advisers/api/handoffs/${id}`)).body;
    expect(seen.outcome).toBe('call-back');
    expect(seen.notes.map((n: { text: string }) => n.text)).toEqual(['After the chat: Ring Thursday am.']);
  });
});
