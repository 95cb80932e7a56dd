/**
 * kill -9, then a restart on the same data folder: nothing the server had acknowledged may be
 * lost. An acknowledged turn is one whose HTTP answer came back: its transcript lines, the
 * conversation's state, a queue place and a message left must all be there after the restart,
 * and live chats with an adviser must still relay both ways, on webchat too.
 */
import { addAdviserWithCli, ALL_DAY_WEBCHAT, ChildServer, freshDataDir, removeData, startChildServer } from '../helpers/childServer';
import { rows, withDatabase } from '../helpers/dataFiles';
import { FakeChannel, startFakeChannel } from '../helpers/fakeChannel';
import { APOLOGY, channelFamily, channelTurn, ConsoleSession, eventually, joined, signInAdviser, startWebchat, textsOf, webchatFamily, WebchatFamily } from '../helpers/liveClients';

const PASSWORD = 'correct horse battery staple';
/** Webchat with an adviser is never open, so "talk to a person" offers to leave a message. */
const NEVER_OPEN = { WEBCHAT_HOURS: 'Sun 03:00-03:01' };

let channel: FakeChannel;
const cleanUp: ChildServer[] = [];

beforeAll(async () => {
  channel = await startFakeChannel();
});

afterAll(async () => {
  for (const server of cleanUp) await server.kill9();
  await channel?.close();
  for (const server of cleanUp) removeData(server.dataDir, server.logFile);
});

/** The same data folder, the same port (so the addresses the bot stored still reach it), after the kill. */
async function restart(killed: ChildServer, env: Record<string, string>): Promise<ChildServer> {
  const next = await startChildServer({ env, dataDir: killed.dataDir, logFile: killed.logFile, port: killed.port });
  cleanUp.push(next);
  return next;
}

function integrity(dataDir: string): string {
  return withDatabase(dataDir, (db) => db.pragma('integrity_check', { simple: true }) as string);
}

function transcriptOf(dataDir: string, conversationId: string): { sender: string; text: string }[] {
  return rows(dataDir, 'SELECT sender, text FROM transcript WHERE conversation_id = ? ORDER BY id', conversationId);
}

interface Acknowledged {
  conversationId: string;
  text: string;
  replies: string[];
  /** The message this turn saved for an adviser, when it was one. */
  saved?: string;
}

describe('kill -9 mid-turn, in the middle of a burst of writes', () => {
  it('keeps every acknowledged turn: transcript lines, state and messages left', async () => {
    const first = await startChildServer({ env: NEVER_OPEN });
    cleanUp.push(first);
    let server = first;
    const journey = channelFamily(() => server.url, channel.serviceUrl, 'crash-journey');
    await journey('help with child protection');
    await journey('skip');
    expect(joined(await journey('skip'))).toMatch(/How old are the children\?/);

    const acknowledged: Acknowledged[] = [];
    let stopping = false;
    let inFlightAtKill = 0;
    let inFlight = 0;
    const writer = async (n: number) => {
      const conversationId = `burst-${n}`;
      const leavesMessages = n % 2 === 0;
      for (let turn = 1; !stopping; turn++) {
        const texts = leavesMessages
          ? ['talk to a person', 'Leave a message', `Message ${turn} from writer ${n}: please call me about the review`]
          : [`what is section 20, question ${turn} from writer ${n}`];
        for (const text of texts) {
          if (stopping) return;
          inFlight++;
          try {
            const result = await channelTurn({ url: server.url, conversationId, text, serviceUrl: channel.serviceUrl });
            if (result.status === 200) {
              const replies = textsOf(result.replies);
              acknowledged.push({ conversationId, text, replies, saved: replies.some((r) => /Your message is saved/.test(r)) ? text : undefined });
            }
          } catch {
            // The connection died with the server: not acknowledged.
          } finally {
            inFlight--;
          }
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    await new Promise((r) => setTimeout(r, 3000));
    inFlightAtKill = inFlight;
    await first.kill9();
    stopping = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(inFlightAtKill).toBeGreaterThan(0);

    server = await restart(first, NEVER_OPEN);
    expect(integrity(server.dataDir)).toBe('ok');

    const lost: string[] = [];
    for (const turn of acknowledged) {
      const lines = transcriptOf(server.dataDir, turn.conversationId);
      if (!lines.some((l) => l.sender === 'user' && l.text === turn.text)) lost.push(`${turn.conversationId}: user line "${turn.text}"`);
      for (const reply of turn.replies) {
        if (!lines.some((l) => l.sender !== 'user' && l.text.includes(reply))) lost.push(`${turn.conversationId}: bot line "${reply.slice(0, 60)}" (after "${turn.text}")`);
      }
    }
    const savedTexts = new Set(rows<{ text: string }>(server.dataDir, 'SELECT text FROM left_messages').map((r) => r.text));
    for (const turn of acknowledged) if (turn.saved && !savedTexts.has(turn.saved)) lost.push(`${turn.conversationId}: message left "${turn.saved}"`);
    expect({ acknowledged: acknowledged.length, lost: lost.slice(0, 20), lostCount: lost.length }).toEqual({ acknowledged: acknowledged.length, lost: [], lostCount: 0 });

    // The state of the journey carried on where it was, and every writer's conversation still answers.
    expect(joined(await journey('4 and 7'))).toMatch(/Your next steps/);
    for (let n = 0; n < 8; n++) {
      const replies = await channelFamily(() => server.url, channel.serviceUrl, `burst-${n}`)('menu');
      expect(joined(replies)).not.toMatch(APOLOGY);
      expect(replies.length).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('kill -9 mid-handoff: queued and live, on an emulator channel and on webchat', () => {
  it('loses no queue place, transcript line or message, and live chats still relay both ways', async () => {
    const first = await startChildServer({ env: ALL_DAY_WEBCHAT, dataDir: freshDataDir() });
    cleanUp.push(first);
    addAdviserWithCli(first.dataDir, 'sam', PASSWORD);
    let server = first;
    const emulator = (id: string) => channelFamily(() => server.url, channel.serviceUrl, id);
    const queueUp = async (say: (text: string) => Promise<unknown>) => {
      await say('talk to a person');
      await say('Yes, pass it on');
    };

    const liveOnEmulator = emulator('crash-live');
    await queueUp(liveOnEmulator);
    expect(joined(await liveOnEmulator('my court hearing is soon'))).toMatch(/number 1 in the queue/);
    const liveOnWebchat = await startWebchat(server.url);
    await liveOnWebchat.say('talk to a person', /./);
    await liveOnWebchat.say('Yes, pass it on', /what would you like help with/i);
    await liveOnWebchat.say('a child protection plan', /number 2 in the queue/);
    const queuedOnEmulator = emulator('crash-queued');
    await queueUp(queuedOnEmulator);
    expect(joined(await queuedOnEmulator('contact with my grandson'))).toMatch(/in the queue/);
    const queuedOnWebchat = await startWebchat(server.url);
    await queuedOnWebchat.say('talk to a person', /./);
    await queuedOnWebchat.say('Yes, pass it on', /what would you like help with/i);
    await queuedOnWebchat.say('a letter from the council', /in the queue/);
    const leaver = emulator('crash-message');
    await queueUp(leaver);
    await leaver('skip');
    await leaver('Leave a message');
    expect(joined(await leaver('Please call me back about the meeting on Friday'))).toMatch(/Your message is saved/);

    let adviser: ConsoleSession = await signInAdviser(server.url, 'sam', PASSWORD);
    const waiting = (await adviser.call('GET', '/advisers/api/queue')).body.waiting as { id: number; summary: { topic: string } }[];
    const idOf = (topic: string) => waiting.find((w) => w.summary.topic === topic)?.id ?? -1;
    const [emulatorLive, webchatLive] = [idOf('my court hearing is soon'), idOf('a child protection plan')];
    expect((await adviser.call('POST', `/advisers/api/handoffs/${emulatorLive}/accept`)).status).toBe(200);
    expect((await adviser.call('POST', `/advisers/api/handoffs/${webchatLive}/accept`)).status).toBe(200);
    await channel.waitFor('crash-live', /has joined the chat/);
    await liveOnWebchat.waitForBot(/has joined the chat/);
    expect((await adviser.call('POST', `/advisers/api/handoffs/${emulatorLive}/messages`, { text: 'Sam here for the hearing' })).status).toBe(200);
    expect((await adviser.call('POST', `/advisers/api/handoffs/${webchatLive}/messages`, { text: 'Sam here for the plan' })).status).toBe(200);
    await channel.waitFor('crash-live', /Sam here for the hearing/);
    await liveOnWebchat.waitForBot(/Sam here for the plan/);
    expect(await liveOnEmulator('The hearing is on Monday')).toEqual([]);
    expect((await liveOnWebchat.post('The plan meeting is on Tuesday')).status).toBe(200);
    const queueBefore = queueIds(await adviser.call('GET', '/advisers/api/queue'));
    expect(queueBefore.live).toEqual([emulatorLive, webchatLive].sort((a, b) => a - b));
    expect(queueBefore.waiting).toEqual(expect.arrayContaining([idOf('contact with my grandson'), idOf('a letter from the council')]));
    const seenBefore = { emulator: await transcriptSeen(adviser, emulatorLive), webchat: await transcriptSeen(adviser, webchatLive) };
    expect(await liveOnEmulator('The hearing is on Monday')).toEqual([]);
    expect((await liveOnWebchat.post('The plan meeting is on Tuesday')).status).toBe(200);
    // Killed straight after the last acknowledgement: whatever was acknowledged must already be on disk.
    await first.kill9();

    server = await restart(first, ALL_DAY_WEBCHAT);
    expect(integrity(server.dataDir)).toBe('ok');
    adviser = await signInAdviser(server.url, 'sam', PASSWORD);
    expect(queueIds(await adviser.call('GET', '/advisers/api/queue'))).toEqual(queueBefore);
    const messages = (await adviser.call('GET', '/advisers/api/messages')).body.messages as { text: string }[];
    expect(messages.map((m) => m.text)).toContain('Please call me back about the meeting on Friday');

    // Every line the adviser could see before the kill, and every line acknowledged since, is still there.
    const missing = async (id: number, expected: string[]) => {
      const lines = await transcriptSeen(adviser, id);
      // A line may carry its buttons after it ("[End chat]").
      return expected.filter((line) => !lines.some((l) => l === line || l.startsWith(`${line}\n`)));
    };
    expect({
      emulator: await missing(emulatorLive, [...seenBefore.emulator, 'user: my court hearing is soon', 'adviser: Sam here for the hearing', 'user: The hearing is on Monday']),
      webchat: await missing(webchatLive, [...seenBefore.webchat, 'user: a child protection plan', 'adviser: Sam here for the plan', 'user: The plan meeting is on Tuesday']),
    }).toEqual({ emulator: [], webchat: [] });

    // The emulator channel: the queued family keeps its place, the live chat relays both ways.
    expect(joined(await queuedOnEmulator('hello?'))).toMatch(/still number \d+ in the queue/);
    expect(await liveOnEmulator('Are you still there, Sam?')).toEqual([]);
    await relaysBothWays(adviser, emulatorLive, 'Are you still there, Sam?', 'Yes, still here for the hearing', () => channel.waitFor('crash-live', /Yes, still here for the hearing/));

    // Webchat: the same families, with the tokens they already had.
    const queuedAgain = webchatFamily(queuedOnWebchat.domain, queuedOnWebchat.conversationId, queuedOnWebchat.token);
    expect((await queuedAgain.say('are you there?', /still number \d+ in the queue/)).text).toMatch(/queue/);
    const webchatAgain: WebchatFamily = webchatFamily(liveOnWebchat.domain, liveOnWebchat.conversationId, liveOnWebchat.token);
    expect((await webchatAgain.post('Are you still there about the plan?')).status).toBe(200);
    await relaysBothWays(adviser, webchatLive, 'Are you still there about the plan?', 'Yes, still here for the plan', () => webchatAgain.waitForBot(/Yes, still here for the plan/));
  }, 120_000);
});

async function transcriptSeen(adviser: ConsoleSession, handoffId: number): Promise<string[]> {
  const { body } = await adviser.call('GET', `/advisers/api/handoffs/${handoffId}`);
  return ((body?.transcript ?? []) as { sender: string; text: string }[]).map((l) => `${l.sender}: ${l.text}`);
}

function queueIds(answer: { status: number; body: any }): { waiting: number[]; live: number[] } {
  const ids = (entries: { id: number }[] = []) => entries.map((e) => e.id).sort((a, b) => a - b);
  return { waiting: ids(answer.body?.waiting), live: ids(answer.body?.live) };
}

async function relaysBothWays(adviser: ConsoleSession, handoffId: number, fromFamily: string, fromAdviser: string, arrived: () => Promise<unknown>) {
  await eventually(async () => expect(await transcriptSeen(adviser, handoffId)).toContain(`user: ${fromFamily}`));
  expect((await adviser.call('POST', `/advisers/api/handoffs/${handoffId}/messages`, { text: fromAdviser })).status).toBe(200);
  await arrived();
}
