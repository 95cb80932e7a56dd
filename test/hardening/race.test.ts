/**
 * Two turns at once in one conversation, with replies POSTed to the channel as real channels
 * get them (not expectReplies). Neither may be dropped, and a turn already in flight when the
 * family says "Yes, delete it" may not bring back what was deleted.
 */
import { addAdviserWithCli, ALL_DAY_WEBCHAT, ChildServer, removeData, startChildServer } from '../helpers/childServer';
import { rows, tableHits } from '../helpers/dataFiles';
import { FakeChannel, startFakeChannel } from '../helpers/fakeChannel';
import { APOLOGY, channelFamily, channelTurn, eventually, joined } from '../helpers/liveClients';

let server: ChildServer;
let channel: FakeChannel;

beforeAll(async () => {
  channel = await startFakeChannel();
  server = await startChildServer({ env: ALL_DAY_WEBCHAT });
  addAdviserWithCli(server.dataDir, 'sam', 'correct horse battery staple');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await channel?.close();
  if (server) removeData(server.dataDir, server.logFile);
});

/** A message with normal delivery: the answer is 200 once the turn is done, the replies go to the channel. */
const send = (conversationId: string, text: string) => channelTurn({ url: server.url, conversationId, text, serviceUrl: channel.serviceUrl, expectReplies: false });

const repliesTo = (conversationId: string, activityId: string) =>
  channel.received.filter((a) => a.conversationId === conversationId && a.type === 'message' && a.replyToId === activityId);

describe('two messages sent at the same moment in one conversation', () => {
  it('processes both: each gets its own answer, nobody is asked to try again, both are in the transcript', async () => {
    const failures: string[] = [];
    for (let trial = 1; trial <= 6; trial++) {
      const conversationId = `pair-${trial}`;
      await channelFamily(() => server.url, channel.serviceUrl, conversationId)('hello');
      const [first, second] = await Promise.all([send(conversationId, 'what is section 20'), send(conversationId, 'what is a child protection plan')]);
      expect([first.status, second.status]).toEqual([200, 200]);
      await eventually(() => {
        if (!repliesTo(conversationId, first.id).length || !repliesTo(conversationId, second.id).length) throw new Error('waiting for both answers');
      }, 5000).catch(() => undefined);
      const texts = channel.textsFor(conversationId);
      const userLines = rows<{ text: string }>(server.dataDir, "SELECT text FROM transcript WHERE conversation_id = ? AND sender = 'user'", conversationId).map((r) => r.text);
      const problems = [
        !repliesTo(conversationId, first.id).length && 'no answer to the first message',
        !repliesTo(conversationId, second.id).length && 'no answer to the second message',
        texts.some((t) => APOLOGY.test(t)) && `an apology: ${JSON.stringify(texts.filter((t) => APOLOGY.test(t)))}`,
        !userLines.includes('what is section 20') && 'first message missing from the transcript',
        !userLines.includes('what is a child protection plan') && 'second message missing from the transcript',
      ].filter(Boolean);
      if (problems.length) failures.push(`trial ${trial}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('a message racing "Yes, delete it"', () => {
  it('never brings back the state, the queue place or the transcript, and the family is told it is deleted', async () => {
    const failures: string[] = [];
    let trial = 0;
    for (const offsetMs of [0, 1, 3, 6, 10]) {
      for (let repeat = 0; repeat < 2; repeat++) {
        trial++;
        const conversationId = `delete-race-${trial}`;
        const phone = `07700 900${String(100 + trial)}`;
        const say = channelFamily(() => server.url, channel.serviceUrl, conversationId);
        await say('talk to a person');
        await say('Yes, pass it on');
        const queued = await say(`Please ring me on ${phone} about the meeting`);
        expect(joined(queued)).toMatch(/number \d+ in the queue/);
        expect(joined(await say('delete my data'))).toMatch(/Do you want me to delete it\?/);

        // A number not on the list keeps the question open, so whichever turn runs first the deletion still happens.
        const racing = send(conversationId, '3');
        await new Promise((r) => setTimeout(r, offsetMs));
        const deletion = send(conversationId, 'Yes, delete it');
        const [raced, deleted] = await Promise.all([racing, deletion]);
        expect([raced.status, deleted.status]).toEqual([200, 200]);
        const toldDeleted = await eventually(() => {
          if (!repliesTo(conversationId, deleted.id).length) throw new Error('no answer yet');
          return repliesTo(conversationId, deleted.id).some((a) => /I have deleted this chat/.test(a.text ?? ''));
        }, 5000).catch(() => false);
        // Transcript lines are written just after a turn; give a late write the chance to show itself.
        await new Promise((r) => setTimeout(r, 300));

        const left = tableHits(server.dataDir, [phone, phone.replace(' ', '')]);
        const handoffs = rows<{ status: string }>(server.dataDir, 'SELECT status FROM handoffs WHERE conversation_id = ?', conversationId);
        const problems = [
          !toldDeleted && 'not told "deleted"',
          left.length && `the phone number is back in ${left.map((h) => `${h.where} x${h.count}`).join(', ')}`,
          handoffs.length && `handoff rows back: ${handoffs.map((h) => h.status).join(', ')}`,
        ].filter(Boolean);
        if (problems.length) failures.push(`offset ${offsetMs} ms (trial ${trial}): ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
