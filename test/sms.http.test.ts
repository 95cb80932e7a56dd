/**
 * SMS costs the service per segment: a turn is one message, in GSM-7, within its budget (the
 * welcome 2 segments, an answer 3, a journey's next steps 6), and "more" sends whatever did not fit.
 */
import { isGsm7, smsSegments, toGsm7 } from '../src/channels/gsm7';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

describe('GSM-7', () => {
  it('maps typographic marks to plain ones and counts segments', () => {
    expect(toGsm7('It’s “fine” – really…')).toBe('It\'s "fine" - really...');
    expect(isGsm7(toGsm7('Café naïve 😢 señor'))).toBe(true);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('’'.repeat(71))).toBe(2);
  });
});

describe('a grandmother on SMS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, () => new Date('2026-11-23T14:00:00Z'));
  });
  afterAll(() => server.stop());

  const sms = (conversation: string) => async (text?: string) => {
    const activity = text === undefined ? { type: 'conversationUpdate', membersAdded: [{ id: 'gran' }] } : { type: 'message', text };
    const { replies } = await postActivity(server.url, { channelId: 'sms', conversation: { id: conversation }, from: { id: '+447700900123' }, ...activity });
    return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
  };
  const expectOneSms = (texts: string[], segments: number) => {
    if (process.env.SHOW_SMS) console.log(`${smsSegments(texts[0])} segments\n${texts[0]}`);
    expect(texts).toHaveLength(1);
    expect(isGsm7(texts[0])).toBe(true);
    expect(smsSegments(texts[0])).toBeLessThanOrEqual(segments);
  };

  it('gets the welcome and the menu in one message of at most 2 segments', async () => {
    const texts = await sms('sms-welcome')();
    expectOneSms(texts, 2);
    expect(texts[0]).toMatch(/computer helper/);
    expect(texts[0]).toMatch(/1\. Child protection/);
    expect(texts[0]).toMatch(/8\. Talk to a person/);
  });

  it('gets an answer in one message of at most 3 segments', async () => {
    const say = sms('sms-answer');
    await say();
    const texts = await say('what is a child protection plan');
    expectOneSms(texts, 3);
    expect(texts[0]).toMatch(/child protection plan/i);
  });

  it("gets a journey's next steps in at most 6 segments, and the rest on \"more\"", async () => {
    const say = sms('sms-journey');
    await say();
    let texts = await say('1');
    for (let turn = 0; turn < 8 && !/next steps/i.test(texts.join(' ')); turn++) texts = await say('skip');
    expectOneSms(texts, 6);
    expect(texts[0]).toMatch(/next steps/i);
    if (/Reply MORE for the rest/.test(texts[0])) {
      const rest = await say('more');
      expect(rest).toHaveLength(1);
      expect(isGsm7(rest[0])).toBe(true);
      expect(rest[0]).not.toBe(texts[0]);
    }
  });

  it('leaves webchat as it was: one message per bubble, Markdown kept', async () => {
    const { replies } = await postActivity(server.url, { type: 'conversationUpdate', membersAdded: [{ id: 'u' }], conversation: { id: 'web-welcome' } });
    expect(replies.filter((r) => r.type === 'message').length).toBeGreaterThan(1);
  });
});
