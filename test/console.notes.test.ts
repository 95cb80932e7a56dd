/**
 * Private notes: an adviser writes a note on a conversation; colleagues read it, the family never
 * receives it, and "delete my data" takes the notes with the rest of the conversation.
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const NOTE = 'Mum sounded frightened of <b>the social worker</b>; call back before Friday.';

describe("an adviser's private notes", () => {
  let server: TestServer;
  let channel: FakeChannel;
  const say = (text: string) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: 'noted' }, from: { id: 'user-noted' }, serviceUrl: channel.serviceUrl });

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

  it('are kept with the conversation for colleagues, never sent to the family, and deleted with their data', async () => {
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    const sam = await signIn(server, 'sam');
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting[0];
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);

    const saved = await sam.call('POST', `/advisers/api/handoffs/${id}/notes`, { text: NOTE });
    expect(saved.status).toBe(200);
    const ali = await signIn(server, 'ali');
    const seen = (await ali.call('GET', `/advisers/api/handoffs/${id}`)).body;
    expect(seen.notes).toEqual([{ id: expect.any(Number), adviser: 'sam', text: NOTE, at: MONDAY_AFTERNOON.toISOString() }]);
    expect(seen.transcript.map((l: { text: string }) => l.text)).not.toContain(NOTE);
    expect(channel.received.some((a) => (a.text ?? '').includes('frightened'))).toBe(false);

    await sam.call('POST', `/advisers/api/handoffs/${id}/end`);
    await say('It helped');
    expect(textOf((await say('delete my data')).replies)).toMatch(/cannot be undone/);
    expect(textOf((await say('Yes, delete it')).replies)).toMatch(/I have deleted this chat/);
    expect(await server.sql.all("SELECT id FROM adviser_notes WHERE conversation_id = 'noted'")).toEqual([]);
  });

  it('refuses an empty note, naming what is missing', async () => {
    const sam = await signIn(server, 'sam');
    const response = await sam.call('POST', '/advisers/api/handoffs/1/notes', { text: '   ' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/type a note/);
  });
});
