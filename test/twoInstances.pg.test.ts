/**
 * Two server processes on one PostgreSQL database, as behind a load balancer: a family on webchat
 * through instance A, an adviser signed in on instance B. They talk live both ways, the family's
 * webchat reconnects through B and carries on, both instances give the same queue and the same count
 * of free advisers, and only one of them runs the retention purge.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { addAdviserWithCli, ALL_DAY_WEBCHAT, ChildServer, removeData, startChildServer } from './helpers/childServer';
import { Client, connect, ConnectionStatus, fromBot, Received, textOf } from './helpers/directLineClient';
import { ConsoleSession, eventually, signInAdviser } from './helpers/liveClients';
import { FreshDatabase, freshDatabase } from './postgres/freshDatabase';

jest.setTimeout(90_000);

const serverUrl = process.env.TEST_DATABASE_URL;
const describeWithPostgres = serverUrl ? describe : describe.skip;
if (!serverUrl) console.warn('TEST_DATABASE_URL is unset (PostgreSQL is not installed): skipping the two-instance test');

const PASSWORD = 'two instances password';

interface ConsoleStream {
  events: { event: string; data: any }[];
  close: () => void;
}

/** The console's server-sent events, as its page reads them. */
function listen(url: string, cookie: string): Promise<ConsoleStream> {
  return new Promise((resolve, reject) => {
    const events: ConsoleStream['events'] = [];
    const req = request(`${url}/advisers/api/events`, { headers: { cookie } }, (res) => {
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        const blocks = pending.split('\n\n');
        pending = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      });
      res.on('error', () => undefined);
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function openWebchat(server: ChildServer): Promise<{ client: Client; token: string; conversationId: string }> {
  const answer = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
  const { token, domain } = (await answer.json()) as { token: string; domain: string };
  const client = connect({ domain, token, webSocket: true });
  const welcome = await client.waitFor(fromBot);
  return { client, token, conversationId: welcome.conversation!.id };
}

const botSaid = (pattern: RegExp) => (a: Received) => fromBot(a) && pattern.test(textOf(a));
const said = (text: string) => (a: Received) => textOf(a) === text;

const purgeLines = (server: ChildServer) => readFileSync(server.logFile, 'utf8').split('\n').filter((line) => line.includes('purged data past its retention period'));

describeWithPostgres('two instances on one PostgreSQL database', () => {
  let database: FreshDatabase;
  let a: ChildServer;
  let b: ChildServer;
  const clients: Client[] = [];
  const streams: ConsoleStream[] = [];

  beforeAll(async () => {
    database = await freshDatabase(serverUrl!, 'two_instances');
    const env = { ...ALL_DAY_WEBCHAT, DATABASE_URL: database.url };
    // One after the other, as in a rolling start: the first applies the migrations.
    a = await startChildServer({ env });
    b = await startChildServer({ env });
    for (const name of ['sam', 'ali']) addAdviserWithCli(a.dataDir, name, PASSWORD, { DATABASE_URL: database.url });
  });

  afterAll(async () => {
    clients.forEach((c) => c.stop());
    streams.forEach((s) => s.close());
    await Promise.all([a, b].filter(Boolean).map((server) => server.stop()));
    for (const server of [a, b].filter(Boolean)) removeData(server.dataDir, server.logFile);
    await database?.drop();
  });

  it('lets a family on A and an adviser on B talk live, and the family reconnect through B', async () => {
    const sam: ConsoleSession = await signInAdviser(b.url, 'sam', PASSWORD);
    const stream = await listen(b.url, sam.cookie);
    streams.push(stream);

    const family = await openWebchat(a);
    clients.push(family.client);
    await family.client.say('talk to a person');
    await family.client.waitFor(botSaid(/pass on|adviser/i));
    await family.client.say('Yes, pass it on');
    await family.client.say('skip');
    // Sam's console on B counts as a free adviser on A too: the family is given a wait, not "no adviser is free".
    const queued = await family.client.waitFor(botSaid(/You are number 1 in the queue/));
    expect(textOf(queued)).toMatch(/The wait may be about \d+ minutes/);
    await eventually(() => expect(stream.events.some((e) => e.event === 'queue')).toBe(true));

    const [waiting] = (await sam.call('GET', '/advisers/api/queue')).body.waiting;
    expect((await sam.call('POST', `/advisers/api/handoffs/${waiting.id}/accept`)).status).toBe(200);
    await family.client.waitFor(botSaid(/has joined the chat/));

    // The adviser's words reach the family's stream on A; the family's reach the console on B.
    expect((await sam.call('POST', `/advisers/api/handoffs/${waiting.id}/messages`, { text: 'Hello, I am Sam. Tell me about Friday.' })).status).toBe(200);
    await family.client.waitFor(said('Hello, I am Sam. Tell me about Friday.'));
    await family.client.say('The meeting is on Friday and I am worried');
    const line = await eventually(() => {
      const found = stream.events.find((e) => e.event === 'line' && e.data.line.text === 'The meeting is on Friday and I am worried');
      expect(found).toBeDefined();
      return found!;
    });
    expect(line.data.handoffId).toBe(waiting.id);

    // The family's page reconnects, this time through B (another instance behind the balancer).
    family.client.stop();
    const again = connect({ domain: `${b.url}/v3/directline`, token: family.token, conversationId: family.conversationId, webSocket: true });
    clients.push(again);
    await new Promise<void>((online) => again.directLine.connectionStatus$.subscribe((status) => status === ConnectionStatus.Online && online()));
    expect((await sam.call('POST', `/advisers/api/handoffs/${waiting.id}/messages`, { text: 'Are you still there?' })).status).toBe(200);
    await again.waitFor(said('Are you still there?'));
    await again.say('Yes, still here');
    await eventually(() => expect(stream.events.some((e) => e.event === 'line' && e.data.line.text === 'Yes, still here')).toBe(true));
  });

  it('gives the same queue and the same free advisers on both instances', async () => {
    // Ali only looks, on A, and says Busy there: only Sam, seen on B, can count as free anywhere.
    const ali = await signInAdviser(a.url, 'ali', PASSWORD);
    expect((await ali.call('POST', '/advisers/api/availability', { status: 'busy' })).status).toBe(200);
    const families = [await openWebchat(a), await openWebchat(b)];
    clients.push(...families.map((f) => f.client));
    for (const family of families) {
      await family.client.say('talk to a person');
      await family.client.waitFor(botSaid(/pass on|adviser/i));
      await family.client.say('Yes, pass it on');
      await family.client.say('skip');
      await family.client.waitFor(botSaid(/You are number \d in the queue/));
    }
    const sam = await signInAdviser(b.url, 'sam', PASSWORD);
    const queues = await eventually(async () => {
      const both = [(await ali.call('GET', '/advisers/api/queue')).body, (await sam.call('GET', '/advisers/api/queue')).body];
      expect(both[0].waiting).toHaveLength(2);
      expect(both[0].advisers).toEqual(both[1].advisers);
      return both;
    });
    const view = (queue: any) => ({ online: queue.advisersOnline, waiting: queue.waiting.map((w: any) => [w.id, w.position]) });
    expect(view(queues[0])).toEqual(view(queues[1]));
    expect(queues[0].advisers.map((x: any) => [x.adviser, x.status])).toEqual([['ali', 'busy'], ['sam', 'available']]);
  });

  it('runs the retention purge on one instance only', () => {
    expect([...purgeLines(a), ...purgeLines(b)]).toHaveLength(1);
  });
});
