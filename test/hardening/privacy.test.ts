/**
 * Personal data typed by a family (a UK phone number, an email address, a postcode) on a
 * messaging channel and on webchat, into a handoff topic, a message while waiting and a message
 * left for an adviser. After "delete my data" it may be nowhere: not in any log line the server
 * printed, not in any table, not in the raw bytes of the database file or its WAL.
 */
import { readFileSync } from 'node:fs';
import { addAdviserWithCli, ALL_DAY_WEBCHAT, ChildServer, removeData, startChildServer } from '../helpers/childServer';
import { fileHits, Hit, tableHits, textHits } from '../helpers/dataFiles';
import { FakeChannel, startFakeChannel } from '../helpers/fakeChannel';
import { channelFamily, joined, signInAdviser, startWebchat } from '../helpers/liveClients';

const PHONE = '07700 900123';
const EMAIL = 'jo.bloggs@example.com';
const POSTCODE = 'SW1A 1AA';
const NEEDLES = [PHONE, PHONE.replace(' ', ''), EMAIL, POSTCODE, POSTCODE.replace(' ', '')];
const PASSWORD = 'correct horse battery staple';

const LEAVE_MESSAGE_PROMPT = /Type your message for an adviser/;
const SAVED = /Your message is saved/;
const DELETED = /I have deleted this chat/;

let server: ChildServer;
let channel: FakeChannel;

beforeAll(async () => {
  channel = await startFakeChannel();
  server = await startChildServer({ env: ALL_DAY_WEBCHAT });
  addAdviserWithCli(server.dataDir, 'sam', PASSWORD);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await channel?.close();
  if (server) removeData(server.dataDir, server.logFile);
});

const describeHits = (hits: Hit[]) => hits.map((h) => `${h.where}: "${h.needle}" x${h.count}`);

it('leaves no phone number, email or postcode anywhere after "delete my data"', async () => {
  // Emulator, first family: the data goes into the handoff topic and into a message while waiting.
  const topicFamily = channelFamily(() => server.url, channel.serviceUrl, 'privacy-topic');
  await topicFamily('talk to a person');
  await topicFamily('Yes, pass it on');
  expect(joined(await topicFamily(`Call me on ${PHONE} or ${EMAIL}, I live at ${POSTCODE}`))).toMatch(/number 1 in the queue/);
  await topicFamily(`I am still here, my number is ${PHONE} and email ${EMAIL}, postcode ${POSTCODE}`);

  // Emulator, second family: a message left for an adviser, written without spaces.
  const messageFamily = channelFamily(() => server.url, channel.serviceUrl, 'privacy-message');
  await messageFamily('talk to a person');
  await messageFamily('Yes, pass it on');
  await messageFamily('skip');
  expect(joined(await messageFamily('Leave a message'))).toMatch(LEAVE_MESSAGE_PROMPT);
  expect(joined(await messageFamily(`Please ring ${PHONE.replace(' ', '')} or write to ${EMAIL}. ${POSTCODE.replace(' ', '')}`))).toMatch(SAVED);

  // Webchat through the built-in Direct Line: topic, waiting message and a left message.
  const webchat = await startWebchat(server.url);
  await webchat.say('talk to a person', /pass on|adviser/i);
  await webchat.say('Yes, pass it on', /what would you like help with/i);
  await webchat.say(`Help with court, call ${PHONE}, ${EMAIL}, ${POSTCODE}`, /in the queue/);
  const waitingReply = await webchat.say(`Still waiting. ${PHONE} ${EMAIL} ${POSTCODE}`);
  if (!LEAVE_MESSAGE_PROMPT.test(waitingReply.text ?? '')) await webchat.say('Leave a message', LEAVE_MESSAGE_PROMPT);
  await webchat.say(`My message: ring ${PHONE}, email ${EMAIL}, postcode ${POSTCODE}`, SAVED);

  // The adviser reads the queue, each conversation and the messages, as the console does.
  const adviser = await signInAdviser(server.url, 'sam', PASSWORD);
  const queue = (await adviser.call('GET', '/advisers/api/queue')).body as { waiting: { id: number }[] };
  for (const entry of queue.waiting) expect((await adviser.call('GET', `/advisers/api/handoffs/${entry.id}`)).status).toBe(200);
  expect((await adviser.call('GET', '/advisers/api/messages')).status).toBe(200);

  // The data really went in: otherwise the checks below would prove nothing.
  const before = tableHits(server.dataDir, NEEDLES).map((h) => h.where);
  expect(before).toEqual(expect.arrayContaining(['transcript.text', 'handoffs.summary', 'left_messages.text']));

  for (const say of [topicFamily, messageFamily]) {
    await say('delete my data');
    expect(joined(await say('Yes, delete it'))).toMatch(DELETED);
  }
  await webchat.say('delete my data', /Do you want me to delete it\?/);
  await webchat.say('Yes, delete it', DELETED);
  await new Promise((r) => setTimeout(r, 500));

  const tables = describeHits(tableHits(server.dataDir, NEEDLES));
  const filesWhileRunning = describeHits(fileHits(server.dataDir, NEEDLES));
  await server.stop();
  const filesAfterStop = describeHits(fileHits(server.dataDir, NEEDLES));
  const printed = `${readFileSync(server.logFile, 'utf8')}\n${server.stderr()}`;
  expect(printed.split('\n').length).toBeGreaterThan(1);
  const log = describeHits(textHits('server log', printed, NEEDLES));
  expect({ tables, filesWhileRunning, filesAfterStop, log }).toEqual({ tables: [], filesWhileRunning: [], filesAfterStop: [], log: [] });
}, 120_000);
