/**
 * STOP on SMS and WhatsApp, end to end through /api/messages: carriers treat STOP, UNSUBSCRIBE,
 * CANCEL, END and QUIT as "send me nothing more", so the bot confirms once, gives up any place in
 * the queue, sends nothing more (an adviser's words included) and answers again once the user
 * writes again. Elsewhere the same words mean "menu".
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

describe('opting out', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'sam');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  const person = (channelId: string, conversation: string) => async (text: string) => {
    const { replies } = await postActivity(server.url, { type: 'message', text, channelId, conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });
    return replies.filter((a) => a.type === 'message');
  };

  it('on SMS, STOP is confirmed once, and a second STOP gets no answer', async () => {
    const say = person('sms', 'sms-stop');
    await say('what is section 20');
    const stopped = await say('STOP');
    expect(stopped).toHaveLength(1);
    expect(stopped[0].text).toMatch(/You will not get any more messages from this chat/);
    expect(await say('stop')).toEqual([]);
  });

  it('on SMS, writing again after STOP starts the chat again', async () => {
    const say = person('sms', 'sms-again');
    await say('hello');
    await say('Quit');
    const again = textOf(await say('what is section 20'));
    expect(again).toMatch(/computer helper/);
    expect(again).toMatch(/Section 20/);
    expect(again).not.toMatch(/something went wrong/);
    expect(textOf(await say('Tell me more'))).not.toMatch(/something went wrong/);
  });

  it('on WhatsApp, UNSUBSCRIBE while waiting for an adviser gives up the place in the queue', async () => {
    const say = person('whatsapp', 'wa-queue');
    for (const text of ['talk to a person', 'Yes, pass it on', 'skip']) await say(text);
    const adviser = await signIn(server, 'sam');
    expect((await adviser.call('GET', '/advisers/api/queue')).body.waiting).toHaveLength(1);
    expect(textOf(await say('Unsubscribe'))).toMatch(/You will not get any more messages/);
    expect((await adviser.call('GET', '/advisers/api/queue')).body.waiting).toHaveLength(0);
  });

  it('on SMS, CANCEL during a chat with an adviser: the adviser sees it, and their words are not sent', async () => {
    const say = person('sms', 'sms-live');
    for (const text of ['talk to a person', 'Yes, pass it on', 'skip']) await say(text);
    const adviser = await signIn(server, 'sam');
    const [entry] = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
    await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/accept`);
    await channel.waitFor('sms-live', /has joined the chat/);
    expect(textOf(await say('CANCEL'))).toMatch(/You will not get any more messages/);
    const seen = (await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).body;
    expect(seen.transcript.map((l: { text: string }) => l.text)).toContain('CANCEL');
    const before = channel.textsFor('sms-live').length;
    expect((await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/messages`, { text: 'Are you still there?' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(channel.textsFor('sms-live').slice(before)).toEqual([]);
    await adviser.call('POST', `/advisers/api/handoffs/${entry.id}/end`);
  });

  it('on webchat, STOP and END mean "menu": no opt-out', async () => {
    const say = person('webchat', 'web-stop');
    await say('hello');
    await say('Child protection');
    for (const word of ['STOP', 'end']) {
      const replies = await say(word);
      expect(textOf(replies)).not.toMatch(/any more messages/);
      expect(textOf(replies)).toMatch(/What is happening\?/);
    }
  });
});
