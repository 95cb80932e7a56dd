/**
 * Typing both ways in a live chat, with the Bot Framework typing activity: the family's channel
 * says they are typing and the adviser's console hears it; the adviser types and the family's
 * channel is told. The list of live chats says when the family last wrote.
 */
import { addAdviser, ADVISER_PASSWORD, AdviserClient, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

describe('typing in a live chat', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let sam: AdviserClient;
  let handoffId: number;
  const send = (activity: Record<string, unknown>) =>
    postActivity(server.url, { conversation: { id: 'typist' }, from: { id: 'user-typist' }, serviceUrl: channel.serviceUrl, ...activity });
  const say = (text: string) => send({ type: 'message', text });

  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'sam');
    await addAdviser(server, 'ali');
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    sam = await signIn(server, 'sam');
    handoffId = (await sam.call('GET', '/advisers/api/queue')).body.waiting[0].id;
    await sam.call('POST', `/advisers/api/handoffs/${handoffId}/accept`);
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  it("sends the adviser's typing to the family's channel", async () => {
    expect((await sam.call('POST', `/advisers/api/handoffs/${handoffId}/typing`)).status).toBe(200);
    expect(channel.received.filter((a) => a.conversationId === 'typist' && a.type === 'typing')).toHaveLength(1);
  });

  it("tells the adviser's console when the family types, at most once in 2 seconds, and the bot says nothing", async () => {
    const cookieOf = await signInCookie(server);
    const stream = await fetch(`${server.url}/advisers/api/events`, { headers: { cookie: cookieOf } });
    const reader = stream.body!.getReader();
    let text = '';
    const heard = (async () => {
      while (!/event: line/.test(text)) text += Buffer.from((await reader.read()).value ?? []).toString();
    })();
    const before = channel.received.length;
    // The test's clock stands still, so these three come within the same instant: one event only.
    for (let i = 0; i < 3; i++) await send({ type: 'typing' });
    await say('are you still there?');
    await heard;
    await reader.cancel();
    expect(text.match(new RegExp(`event: typing\\ndata: \\{"handoffId":${handoffId}\\}`, 'g'))).toHaveLength(1);
    expect(channel.received.length).toBe(before);
  });

  it('says in the list of live chats when the family last wrote', async () => {
    const [live] = (await sam.call('GET', '/advisers/api/queue')).body.live;
    expect(live.lastFamilyMessageAt).toBe(MONDAY_AFTERNOON.toISOString());
  });

  it("refuses typing into another adviser's chat, or a chat that is not live", async () => {
    const ali = await signIn(server, 'ali');
    expect((await ali.call('POST', `/advisers/api/handoffs/${handoffId}/typing`)).status).toBe(403);
    expect((await sam.call('POST', '/advisers/api/handoffs/9999/typing')).status).toBe(409);
  });
});

async function signInCookie(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/advisers/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sam', password: ADVISER_PASSWORD }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}
