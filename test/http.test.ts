/** The bot through its real HTTP interface: activities posted to /api/messages with expectReplies. */
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

describe('POST /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const say = (text: string, conversation = 'c-answers', extra: Record<string, unknown> = {}) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: conversation }, ...extra });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('welcomes someone who opens the chat', async () => {
    const { status, replies } = await postActivity(server.url, {
      type: 'conversationUpdate',
      conversation: { id: 'c-welcome' },
      membersAdded: [{ id: 'user-1' }],
    });
    expect(status).toBe(200);
    expect(textOf(replies)).toMatch(/computer, not a person/);
    expect(textOf(replies)).toMatch(/What is happening\?/);
    expect(replies[replies.length - 1].suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Child protection',
      'Court',
      'Kinship care',
      'Assessments',
      'Section 20',
      'Complaints',
      'Ask a question',
      'Talk to a person',
    ]);
  });

  it('answers a question with where the answer comes from', async () => {
    const { status, replies } = await say('what is a PAMS assessment');
    expect(status).toBe(200);
    expect(textOf(replies)).toMatch(/PAMS/);
    expect(textOf(replies)).toMatch(/Based on .+\. Checked on \d+ \w+ \d{4}\./);
    expect(replies[replies.length - 1].suggestedActions?.actions.map((a) => a.title)).toContain('Talk to a person');
  });

  it('interrupts with 999 first for a crisis', async () => {
    const { replies } = await say('he is strangling me', 'c-crisis');
    const messages = replies.filter((r) => r.type === 'message');
    expect(messages.find((m) => !/Hello|computer|private|question in your own words/.test(m.text ?? ''))?.text).toMatch(/999/);
  });

  it('asks which topic when it is unsure, with choices', async () => {
    const { replies } = await say('i have a meeting next week', 'c-unsure');
    expect(textOf(replies)).toMatch(/not sure I understood/);
    expect(replies[replies.length - 1].suggestedActions?.actions.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a malformed body with 400, and carries on answering', async () => {
    for (const body of ['{"type": "message", "text": ', 'null', '{"text":"no type or conversation"}', '[1,2,3]']) {
      const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(400);
    }
    const missingField = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', from: { id: 'u' } }),
    });
    expect(missingField.status).toBe(400);
    expect(JSON.stringify(await missingField.json())).toMatch(/conversation/);
    const { status, replies } = await say('what is early help', 'c-after-junk');
    expect(status).toBe(200);
    expect(textOf(replies)).toMatch(/Early help/i);
  });

  it('replies kindly to a 20,000-character message without crashing', async () => {
    const long = 'My social worker keeps asking about a child in need plan. '.repeat(345);
    expect(long.length).toBeGreaterThanOrEqual(20000);
    const { status, replies } = await say(long, 'c-long');
    expect(status).toBe(200);
    expect(textOf(replies)).toMatch(/Thank you for telling me all of that/);
    expect((await say('thanks', 'c-long')).status).toBe(200);
  });

  it('replies to odd characters and empty text without an error', async () => {
    for (const text of ['', '   ', '🙂🙂', '\u202e\u0000<script>alert(1)</script>', 'ÆØÅ ñ 中文']) {
      const { status, replies } = await say(text, 'c-odd');
      expect(status).toBe(200);
      expect(textOf(replies)).not.toMatch(/something went wrong/);
    }
  });
});

describe('POST /api/messages with a Microsoft app id configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(() => server.stop());

  it('refuses requests that are not signed by the Bot Framework', async () => {
    const { status } = await postActivity(server.url, { type: 'message', text: 'hello' });
    expect(status).toBe(401);
  });
});
