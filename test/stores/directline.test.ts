/**
 * The local Direct Line's limits, read as what strangers can and cannot do to a family's chat:
 * floods of tokens and conversations are refused, and never push out a live conversation; idle
 * conversations go only after a long idle; "delete my data" and the retention period reach the
 * Direct Line's copy of the messages too.
 */
import { createLogger } from '../../src/logging/logger';
import { Access, Caller, LocalDirectLine } from '../../src/web/directline/localDirectLine';
import { storeBackends, TestDatabase } from './backends';

const MINUTE = 60_000;

async function service(
  database: TestDatabase,
  options: { maxConversations?: number; maxConversationsPerClient?: number; maxTokens?: number; maxActivitiesPerConversation?: number; maxBytesPerConversation?: number } = {},
) {
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const sql = await database.open();
  const directLine = await LocalDirectLine.open({
    sql,
    // Nothing listens here: the "user joined" hand-off to the bot fails quietly, which these tests do not need.
    localUrl: () => 'http://127.0.0.1:9',
    tokenMinutes: 30,
    retentionDays: 30,
    botName: 'Test',
    logger: createLogger('silent'),
    now: () => clock,
    limits: {
      maxConversations: options.maxConversations ?? 50,
      maxConversationsPerClient: options.maxConversationsPerClient ?? 20,
      ...(options.maxActivitiesPerConversation ? { maxActivitiesPerConversation: options.maxActivitiesPerConversation } : {}),
      ...(options.maxBytesPerConversation ? { maxBytesPerConversation: options.maxBytesPerConversation } : {}),
    },
    maxTokens: options.maxTokens,
  });
  return { directLine, sql, advance: (ms: number) => (clock += ms) };
}

const from = (address: string): Caller => ({ address, origin: 'http://localhost:3978' });

async function tokenAccess(directLine: LocalDirectLine, token: string): Promise<Access> {
  const access = await directLine.authorize(`Bearer ${token}`);
  if (!access.ok) throw new Error(`token refused: ${access.status}`);
  return access.value;
}

/** A family opens the chat the way the page does: a token, then starting its conversation. */
async function openChat(directLine: LocalDirectLine, address: string) {
  const issued = await directLine.generateToken();
  if (!issued.ok) return issued;
  return directLine.startConversation(await tokenAccess(directLine, issued.value.token), from(address));
}

/** One after another, as a flood from a script would arrive. */
async function inTurn<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i++) results.push(await make(i));
  return results;
}

describe.each(storeBackends())('the local Direct Line on $name', ({ create }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await create();
  });

  describe('floods of conversations', () => {
    it('from one address are refused (429) once it has its share open, and others carry on', async () => {
      const { directLine } = await service(database, { maxConversationsPerClient: 3 });
      const family = await openChat(directLine, '198.51.100.7');
      expect(family).toMatchObject({ ok: true, status: 201 });
      const flood = await inTurn(5, () => openChat(directLine, '203.0.113.9'));
      expect(flood.map((r) => (r.ok ? 201 : r.status))).toEqual([201, 201, 201, 429, 429]);
      expect(flood[3]).toMatchObject({ code: 'TooManyRequests', message: expect.stringMatching(/a lot of chats open/) });
      expect(await openChat(directLine, '192.0.2.1')).toMatchObject({ ok: true });
      if (!family.ok) throw new Error('unreachable');
      expect(await directLine.getActivities(await tokenAccess(directLine, family.value.token), family.value.conversationId, undefined)).toMatchObject({ ok: true });
    });

    it('from one address too fast are refused (429) with a time to wait', async () => {
      const { directLine, advance } = await service(database, { maxConversationsPerClient: 1000, maxConversations: 1000 });
      const answers = await inTurn(21, () => openChat(directLine, '203.0.113.9'));
      expect(answers.filter((r) => r.ok)).toHaveLength(20);
      expect(answers[20]).toMatchObject({ ok: false, status: 429, retryAfter: expect.any(Number) });
      advance(31_000);
      expect(await openChat(directLine, '203.0.113.9')).toMatchObject({ ok: true });
    });

    it('from many addresses fill the service: new ones get 503, and no live conversation is dropped', async () => {
      const { directLine } = await service(database, { maxConversations: 10 });
      const family = await openChat(directLine, '198.51.100.7');
      if (!family.ok) throw new Error('the family could not start');
      const flood = await inTurn(2001, (i) => openChat(directLine, `10.0.${Math.floor(i / 250)}.${i % 250}`));
      expect(flood.filter((r) => r.ok)).toHaveLength(9);
      expect(flood.at(-1)).toMatchObject({ ok: false, status: 503, code: 'ServiceUnavailable' });
      const access = await tokenAccess(directLine, family.value.token);
      expect(await directLine.getActivities(access, family.value.conversationId, undefined)).toMatchObject({ ok: true });
    });
  });

  describe('floods of tokens', () => {
    it('fill up to the cap, then new ones get 503 while every earlier token still works', async () => {
      const { directLine } = await service(database, { maxTokens: 100 });
      const first = await directLine.generateToken();
      if (!first.ok) throw new Error('no first token');
      const flood = await inTurn(500, () => directLine.generateToken());
      expect(flood.filter((r) => r.ok)).toHaveLength(99);
      expect(flood.at(-1)).toMatchObject({ ok: false, status: 503 });
      expect(await directLine.authorize(`Bearer ${first.value.token}`)).toMatchObject({ ok: true });
    });

    it('are stored only as hashes', async () => {
      const { directLine, sql } = await service(database);
      const issued = await directLine.generateToken();
      if (!issued.ok) throw new Error('no token');
      const stored = await sql.all<{ token_hash: string }>('SELECT token_hash FROM directline_tokens');
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toBe(issued.value.token);
      expect(JSON.stringify(await sql.all('SELECT * FROM directline_tokens'))).not.toContain(issued.value.token);
    });
  });

  describe('an idle conversation', () => {
    it('stays while its token could still be used, and goes after a long idle', async () => {
      const { directLine, advance } = await service(database);
      const family = await openChat(directLine, '198.51.100.7');
      if (!family.ok) throw new Error('the family could not start');
      const id = family.value.conversationId;
      advance(45 * MINUTE);
      await directLine.sweep();
      expect(await directLine.store.get(id)).toBeDefined();
      advance(61 * MINUTE);
      await directLine.sweep();
      expect(await directLine.store.get(id)).toBeUndefined();
      expect(await directLine.authorize(`Bearer ${family.value.token}`)).toMatchObject({ ok: false, status: 403 });
    });
  });

  describe('a long conversation', () => {
    it('keeps its newest activities within the caps, the watermark counting on, and always the newest however big', async () => {
      const { directLine } = await service(database, { maxActivitiesPerConversation: 5, maxBytesPerConversation: 4000 });
      const family = await openChat(directLine, '198.51.100.7');
      if (!family.ok) throw new Error('the family could not start');
      const access = await tokenAccess(directLine, family.value.token);
      const id = family.value.conversationId;
      for (let n = 1; n <= 8; n++) await directLine.fromBot(id, { type: 'message', text: `message ${n}` });
      const kept = await directLine.getActivities(access, id, undefined);
      expect(kept).toMatchObject({ ok: true, value: { watermark: '8' } });
      if (!kept.ok) throw new Error('unreachable');
      expect(kept.value.activities.map((a) => a.text)).toEqual(['message 4', 'message 5', 'message 6', 'message 7', 'message 8']);
      await directLine.fromBot(id, { type: 'message', text: 'x'.repeat(5000) });
      const big = await directLine.getActivities(access, id, undefined);
      if (!big.ok) throw new Error('unreachable');
      expect(big.value.activities.map((a) => String(a.text).length)).toEqual([5000]);
      await directLine.fromBot(id, { type: 'message', text: 'after the big one' });
      const after = await directLine.getActivities(access, id, undefined);
      if (!after.ok) throw new Error('unreachable');
      expect(after.value.activities.map((a) => a.text)).toEqual(['after the big one']);
    });
  });

  describe("the Direct Line's copy of the messages", () => {
    async function chatWithPhoneNumber() {
      const made = await service(database);
      const family = await openChat(made.directLine, '198.51.100.7');
      if (!family.ok) throw new Error('the family could not start');
      const conversation = (await made.directLine.store.get(family.value.conversationId))!;
      await made.directLine.store.append(conversation, { type: 'message', text: 'call me on 07700 900123' });
      await made.directLine.fromBot(conversation.id, { type: 'message', text: 'Thank you.' });
      return { ...made, family: family.value, conversation };
    }

    it('is deleted by "delete my data", and the chat can carry on', async () => {
      const { directLine, sql, family, conversation } = await chatWithPhoneNumber();
      await directLine.store.deleteConversation({ conversationId: conversation.id, userId: conversation.userId });
      const access = await tokenAccess(directLine, family.token);
      expect(await directLine.getActivities(access, conversation.id, undefined)).toMatchObject({ ok: true, value: { activities: [] } });
      expect(JSON.stringify(await sql.all('SELECT * FROM directline_activities'))).not.toContain('07700');
      expect(await directLine.fromBot(conversation.id, { type: 'message', text: 'Done. I have deleted this chat.' })).toMatchObject({ ok: true });
      expect(await directLine.getActivities(access, conversation.id, '0')).toMatchObject({ ok: true, value: { activities: [{ text: 'Done. I have deleted this chat.' }] } });
    });

    it('is purged after the retention period, even in a conversation still in use', async () => {
      const { directLine, sql, advance, conversation } = await chatWithPhoneNumber();
      for (let day = 0; day < 31; day++) {
        advance(24 * 60 * MINUTE);
        await directLine.store.get(conversation.id);
      }
      await directLine.sweep();
      expect(JSON.stringify(await sql.all('SELECT * FROM directline_activities'))).not.toContain('07700');
    });
  });
});
