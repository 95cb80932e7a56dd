/**
 * The local Direct Line's limits, read as what strangers can and cannot do to a family's chat:
 * floods of tokens and conversations are refused, and never push out a live conversation; idle
 * conversations go only after a long idle; "delete my data" and the retention period reach the
 * Direct Line's copy of the messages too.
 */
import { createLogger } from '../src/logging/logger';
import { openDatabase } from '../src/storage/database';
import { Access, Caller, LocalDirectLine } from '../src/web/directline/localDirectLine';

const MINUTE = 60_000;

function service(options: { maxConversations?: number; maxConversationsPerClient?: number; maxTokens?: number } = {}) {
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const db = openDatabase(':memory:');
  const directLine = new LocalDirectLine({
    db,
    // Nothing listens here: the "user joined" hand-off to the bot fails quietly, which these tests do not need.
    localUrl: () => 'http://127.0.0.1:9',
    tokenMinutes: 30,
    retentionDays: 30,
    botName: 'Test',
    logger: createLogger('silent'),
    now: () => clock,
    limits: { maxConversations: options.maxConversations ?? 50, maxConversationsPerClient: options.maxConversationsPerClient ?? 20 },
    maxTokens: options.maxTokens,
  });
  return { directLine, db, advance: (ms: number) => (clock += ms) };
}

const from = (address: string): Caller => ({ address, origin: 'http://localhost:3978' });

function tokenAccess(directLine: LocalDirectLine, token: string): Access {
  const access = directLine.authorize(`Bearer ${token}`);
  if (!access.ok) throw new Error(`token refused: ${access.status}`);
  return access.value;
}

/** A family opens the chat the way the page does: a token, then starting its conversation. */
function openChat(directLine: LocalDirectLine, address: string) {
  const issued = directLine.generateToken();
  if (!issued.ok) return issued;
  return directLine.startConversation(tokenAccess(directLine, issued.value.token), from(address));
}

describe('floods of conversations', () => {
  it('from one address are refused (429) once it has its share open, and others carry on', () => {
    const { directLine } = service({ maxConversationsPerClient: 3 });
    const family = openChat(directLine, '198.51.100.7');
    expect(family).toMatchObject({ ok: true, status: 201 });
    const flood = Array.from({ length: 5 }, () => openChat(directLine, '203.0.113.9'));
    expect(flood.map((r) => (r.ok ? 201 : r.status))).toEqual([201, 201, 201, 429, 429]);
    expect(flood[3]).toMatchObject({ code: 'TooManyRequests', message: expect.stringMatching(/a lot of chats open/) });
    expect(openChat(directLine, '192.0.2.1')).toMatchObject({ ok: true });
    if (!family.ok) throw new Error('unreachable');
    expect(directLine.getActivities(tokenAccess(directLine, family.value.token), family.value.conversationId, undefined)).toMatchObject({ ok: true });
  });

  it('from one address too fast are refused (429) with a time to wait', () => {
    const { directLine, advance } = service({ maxConversationsPerClient: 1000, maxConversations: 1000 });
    const answers = Array.from({ length: 21 }, () => openChat(directLine, '203.0.113.9'));
    expect(answers.filter((r) => r.ok)).toHaveLength(20);
    expect(answers[20]).toMatchObject({ ok: false, status: 429, retryAfter: expect.any(Number) });
    advance(31_000);
    expect(openChat(directLine, '203.0.113.9')).toMatchObject({ ok: true });
  });

  it('from many addresses fill the service: new ones get 503, and no live conversation is dropped', () => {
    const { directLine } = service({ maxConversations: 10 });
    const family = openChat(directLine, '198.51.100.7');
    if (!family.ok) throw new Error('the family could not start');
    const flood = Array.from({ length: 2001 }, (_, i) => openChat(directLine, `10.0.${Math.floor(i / 250)}.${i % 250}`));
    expect(flood.filter((r) => r.ok)).toHaveLength(9);
    expect(flood.at(-1)).toMatchObject({ ok: false, status: 503, code: 'ServiceUnavailable' });
    const access = tokenAccess(directLine, family.value.token);
    expect(directLine.getActivities(access, family.value.conversationId, undefined)).toMatchObject({ ok: true });
  });
});

describe('floods of tokens', () => {
  it('fill up to the cap, then new ones get 503 while every earlier token still works', () => {
    const { directLine } = service({ maxTokens: 100 });
    const first = directLine.generateToken();
    if (!first.ok) throw new Error('no first token');
    const flood = Array.from({ length: 500 }, () => directLine.generateToken());
    expect(flood.filter((r) => r.ok)).toHaveLength(99);
    expect(flood.at(-1)).toMatchObject({ ok: false, status: 503 });
    expect(directLine.authorize(`Bearer ${first.value.token}`)).toMatchObject({ ok: true });
  });

  it('are stored only as hashes', () => {
    const { directLine, db } = service();
    const issued = directLine.generateToken();
    if (!issued.ok) throw new Error('no token');
    const stored = db.prepare('SELECT token_hash FROM directline_tokens').all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toBe(issued.value.token);
    expect(JSON.stringify(db.prepare('SELECT * FROM directline_tokens').all())).not.toContain(issued.value.token);
  });
});

describe('an idle conversation', () => {
  it('stays while its token could still be used, and goes after a long idle', () => {
    const { directLine, advance } = service();
    const family = openChat(directLine, '198.51.100.7');
    if (!family.ok) throw new Error('the family could not start');
    const id = family.value.conversationId;
    advance(45 * MINUTE);
    directLine.sweep();
    expect(directLine.store.get(id)).toBeDefined();
    advance(61 * MINUTE);
    directLine.sweep();
    expect(directLine.store.get(id)).toBeUndefined();
    expect(directLine.authorize(`Bearer ${family.value.token}`)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("the Direct Line's copy of the messages", () => {
  function chatWithPhoneNumber() {
    const made = service();
    const family = openChat(made.directLine, '198.51.100.7');
    if (!family.ok) throw new Error('the family could not start');
    const conversation = made.directLine.store.get(family.value.conversationId)!;
    made.directLine.store.append(conversation, { type: 'message', text: 'call me on 07700 900123' });
    made.directLine.fromBot(conversation.id, { type: 'message', text: 'Thank you.' });
    return { ...made, family: family.value, conversation };
  }

  it('is deleted by "delete my data", and the chat can carry on', () => {
    const { directLine, db, family, conversation } = chatWithPhoneNumber();
    directLine.store.deleteConversation({ conversationId: conversation.id, userId: conversation.userId });
    const access = tokenAccess(directLine, family.token);
    expect(directLine.getActivities(access, conversation.id, undefined)).toMatchObject({ ok: true, value: { activities: [] } });
    expect(JSON.stringify(db.prepare('SELECT * FROM directline_activities').all())).not.toContain('07700');
    expect(directLine.fromBot(conversation.id, { type: 'message', text: 'Done. I have deleted this chat.' })).toMatchObject({ ok: true });
    expect(directLine.getActivities(access, conversation.id, '0')).toMatchObject({ ok: true, value: { activities: [{ text: 'Done. I have deleted this chat.' }] } });
  });

  it('is purged after the retention period, even in a conversation still in use', () => {
    const { directLine, db, advance, conversation } = chatWithPhoneNumber();
    for (let day = 0; day < 31; day++) {
      advance(24 * 60 * MINUTE);
      directLine.store.get(conversation.id);
    }
    directLine.sweep();
    expect(JSON.stringify(db.prepare('SELECT * FROM directline_activities').all())).not.toContain('07700');
  });
});
