/**
 * Journeys through the real HTTP interface with state in SQLite: on SMS and webchat, across a
 * server restart, and "delete my data" leaving nothing of the user in the database.
 */
import { smsSegments } from '../src/channels/gsm7';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const now = () => MONDAY_AFTERNOON;

function chat(server: () => TestServer, conversation: string, channelId = 'webchat', user = `user-${conversation}`) {
  return async (text: string) => {
    const { status, replies } = await postActivity(server().url, { type: 'message', text, channelId, conversation: { id: conversation }, from: { id: user } });
    expect(status).toBe(200);
    return replies;
  };
}

describe('journeys through /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, now);
  });
  afterAll(() => server.stop());

  it('runs the kinship journey on SMS with numbered choices, its next steps in one message of at most 6 segments', async () => {
    const say = chat(() => server, 'sms-kinship', 'sms', '+447700900123');
    expect(textOf(await say('hi'))).toMatch(/3\. Kinship care/);
    expect(textOf(await say('3'))).toMatch(/How did the child come to live with you\?\n1\. Family arranged it/);
    await say('2');
    await say('1');
    const summary = await say('6');
    expect(textOf(summary)).toMatch(/Your next steps/);
    expect(textOf(summary)).toMatch(/special guardian/i);
    const messages = summary.filter((r) => r.type === 'message');
    expect(messages).toHaveLength(1);
    expect(smsSegments(messages[0].text ?? '')).toBeLessThanOrEqual(6);
    expect(messages[0].suggestedActions).toBeUndefined();
  });

  it('runs the court journey on webchat with buttons', async () => {
    const say = chat(() => server, 'web-court');
    await say('hello');
    const stage = await say('Court');
    expect(stage[stage.length - 1].suggestedActions?.actions.map((a) => a.title)).toEqual(['Letter before court', 'Court papers', 'A hearing date', "I don't know"]);
    await say('Letter before court');
    await say('skip');
    expect(textOf(await say('Yes'))).toMatch(/letter before proceedings|pre-proceedings|PLO/i);
  });
});

describe('a conversation in the middle of a journey, across a restart', () => {
  it('carries on from the same question when the server comes back', async () => {
    const first = await startTestServer({}, now);
    const say = chat(() => current, 'restart-1');
    let current = first;
    await say('hello');
    await say('Kinship care');
    expect(textOf(await say('Council asked me'))).toMatch(/Is there a court order\?/);
    await first.stop({ keepData: true });

    current = await startTestServer({}, now, first.dataDir);
    try {
      expect(textOf(await say('No order'))).toMatch(/How old is the child/);
      expect(textOf(await say('4'))).toMatch(/Your next steps/);
    } finally {
      await current.stop();
    }
  });
});

describe('"delete my data"', () => {
  it('leaves nothing of that user or conversation in the database', async () => {
    const server = await startTestServer({}, now);
    try {
      const say = chat(() => server, 'to-delete', 'webchat', 'user-to-delete');
      const keep = chat(() => server, 'to-keep', 'webchat', 'user-to-keep');
      await keep('what is early help');
      await say('what is early help');
      await say('It helped');
      await say('Complaints');
      const rows = async () => ({
        state: await server.sql.all("SELECT key FROM bot_state WHERE key LIKE '%to-delete%' OR key LIKE '%user-to-delete%'"),
        feedback: await server.sql.all("SELECT id FROM feedback WHERE conversation_id = 'to-delete'"),
      });
      expect((await rows()).state.length).toBeGreaterThan(0);
      expect((await rows()).feedback.length).toBe(1);
      expect(textOf(await say('delete my data'))).toMatch(/cannot be undone/);
      expect(textOf(await say('Yes, delete it'))).toMatch(/I have deleted this chat/);
      expect(await rows()).toEqual({ state: [], feedback: [] });
      expect((await server.sql.all("SELECT key FROM bot_state WHERE key LIKE '%to-keep%'")).length).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
