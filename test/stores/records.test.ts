/**
 * What the stores keep besides state and the queue, on each database: transcripts, advisers' notes,
 * feedback, adviser accounts and their sessions, the audit log and the installation's secrets.
 * Each is read back as it was written, and "delete my data" reaches it.
 */
import { NoteStore } from '../../src/handoff/noteStore';
import { TranscriptStore } from '../../src/handoff/transcriptStore';
import { FeedbackStore } from '../../src/storage/feedbackStore';
import { AdviserAccounts } from '../../src/web/advisers/adviserAccounts';
import { AuditLog } from '../../src/web/advisers/auditLog';
import { installationSecret } from '../../src/web/directline/installationSecrets';
import { storeBackends } from './backends';

const at = (minute: number) => new Date(Date.parse('2026-11-23T14:00:00Z') + minute * 60_000);
const PASSWORD = 'correct horse battery staple';

describe.each(storeBackends())('records on $name', ({ create }) => {
  it("keeps a conversation's transcript in order, with danger and doubt marked only on the family's lines", async () => {
    const transcripts = new TranscriptStore(await (await create()).open());
    const [asked, answered, unsure] = await transcripts.addLines([
      { conversationId: 'c', sender: 'user', text: 'He hit me', at: at(0), danger: true },
      { conversationId: 'c', sender: 'bot', text: 'Call 999', at: at(0), danger: true, unsure: true },
      { conversationId: 'c', sender: 'user', text: 'he is outside again', at: at(1), unsure: true },
    ]);
    await transcripts.add('other', 'user', 'not this one', at(1));
    const adviser = await transcripts.add('c', 'adviser', 'I am here', at(2));
    expect(await transcripts.forConversation('c')).toEqual([
      { id: asked.id, sender: 'user', text: 'He hit me', at: at(0).getTime(), danger: true, unsure: false },
      { id: answered.id, sender: 'bot', text: 'Call 999', at: at(0).getTime(), danger: false, unsure: false },
      { id: unsure.id, sender: 'user', text: 'he is outside again', at: at(1).getTime(), danger: false, unsure: true },
      { id: adviser.id, sender: 'adviser', text: 'I am here', at: at(2).getTime(), danger: false, unsure: false },
    ]);
    expect((await transcripts.forConversation('c', unsure.id)).map((l) => l.text)).toEqual(['I am here']);
    expect(await transcripts.lastFamilyLineAt('c')).toBe(at(1).getTime());
    expect(await transcripts.lastFamilyLineAt('nobody')).toBeUndefined();
    await transcripts.deleteConversation({ conversationId: 'c', userId: 'u' });
    expect(await transcripts.forConversation('c')).toEqual([]);
    expect(await transcripts.forConversation('other')).toHaveLength(1);
  });

  it('keeps a NUL character someone typed as the replacement character, on either database', async () => {
    const transcripts = new TranscriptStore(await (await create()).open());
    await transcripts.add('nul', 'user', 'a\u0000b', at(0));
    expect((await transcripts.forConversation('nul')).map((l) => l.text)).toEqual(['a\ufffdb']);
  });

  it("keeps advisers' notes per conversation, oldest first", async () => {
    const notes = new NoteStore(await (await create()).open());
    const first = await notes.add({ conversationId: 'c', handoffId: 1, adviser: 'sam', text: 'Court on Friday', at: at(0) });
    await notes.add({ conversationId: 'c', handoffId: 2, adviser: 'ria', text: 'Called back', at: at(5) });
    expect(await notes.forConversation('c')).toEqual([
      { id: first.id, adviser: 'sam', text: 'Court on Friday', at: at(0).getTime() },
      { id: expect.any(Number), adviser: 'ria', text: 'Called back', at: at(5).getTime() },
    ]);
    await notes.deleteConversation({ conversationId: 'c', userId: 'u' });
    expect(await notes.forConversation('c')).toEqual([]);
  });

  it('counts what did not help, most complained-of first', async () => {
    const feedback = new FeedbackStore(await (await create()).open());
    await feedback.record({ conversationId: 'a', articleId: 'cs-early-help', helpful: false, at: at(0) });
    await feedback.record({ conversationId: 'b', articleId: 'cs-early-help', helpful: true, at: at(1) });
    await feedback.record({ conversationId: 'c', articleId: 'cs-early-help', helpful: false, at: at(2) });
    await feedback.record({ conversationId: 'd', journeyId: 'adviser-chat', helpful: false, at: at(3) });
    await feedback.record({ conversationId: 'e', articleId: 'cs-section-20', helpful: true, at: at(4) });
    expect(await feedback.unhelpful()).toEqual([
      { articleId: 'cs-early-help', journeyId: null, unhelpful: 2, helpful: 1, lastAt: at(2).getTime() },
      { articleId: null, journeyId: 'adviser-chat', unhelpful: 1, helpful: 0, lastAt: at(3).getTime() },
    ]);
    await feedback.deleteConversation({ conversationId: 'd', userId: 'u' });
    expect((await feedback.unhelpful()).map((f) => f.articleId)).toEqual(['cs-early-help']);
  });

  it('keeps adviser accounts with one account per name, even when two instances add it at once', async () => {
    const database = await create();
    const [one, two] = [new AdviserAccounts(await database.open(), () => at(0)), new AdviserAccounts(await database.open(), () => at(0))];
    const added = await Promise.allSettled([one.add('sam', PASSWORD), two.add('sam', PASSWORD)]);
    expect(added.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(added.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([expect.stringMatching(/already has an account/)]);
    expect(await two.list()).toEqual([{ id: expect.any(Number), username: 'sam', role: 'adviser' }]);
    expect(await two.verify('sam', PASSWORD)).toMatchObject({ username: 'sam' });
    expect(await one.verify('sam', 'not the password')).toBeUndefined();
    expect(await one.verify('nobody', PASSWORD)).toBeUndefined();
  });

  it('keeps sessions by hash, until they expire, end, or the account goes', async () => {
    let now = at(0);
    const sql = await (await create()).open();
    const accounts = new AdviserAccounts(sql, () => now);
    const sam = await accounts.add('sam', PASSWORD);
    const { token, session } = await accounts.startSession(sam);
    expect(await accounts.session(token)).toEqual({ ...session, passwordChangeDue: false });
    expect(JSON.stringify(await sql.all('SELECT * FROM adviser_sessions'))).not.toContain(token);
    const second = await accounts.startSession(sam);
    await accounts.endSession(second.token);
    expect(await accounts.session(second.token)).toBeUndefined();
    now = new Date(session.expiresAt + 1);
    expect(await accounts.session(token)).toBeUndefined();
    now = at(0);
    expect(await accounts.session(token)).toBeDefined();
    expect(await accounts.remove('sam')).toBe(true);
    expect(await accounts.session(token)).toBeUndefined();
    expect(await accounts.remove('sam')).toBe(false);
  });

  it("keeps a lead's changes to accounts: roles, a disabled account signs in no more, a new password ends sessions", async () => {
    const accounts = new AdviserAccounts(await (await create()).open(), () => at(0));
    await accounts.add('lee', PASSWORD, 'lead');
    const sam = await accounts.add('sam', PASSWORD);
    expect(await accounts.setRole('sam', 'lead')).toBe(true);
    expect((await accounts.accounts()).map((a) => [a.username, a.role, a.disabledAt])).toEqual([
      ['lee', 'lead', null],
      ['sam', 'lead', null],
    ]);
    const { token } = await accounts.startSession(sam);
    expect(await accounts.setDisabled('sam', true)).toBe(true);
    expect(await accounts.session(token)).toBeUndefined();
    expect(await accounts.verify('sam', PASSWORD)).toBeUndefined();
    expect(await accounts.setDisabled('sam', false)).toBe(true);
    const again = await accounts.startSession((await accounts.verify('sam', PASSWORD))!);
    expect(await accounts.setPassword('sam', 'a brand new long password')).toBe(true);
    expect(await accounts.session(again.token)).toBeUndefined();
    expect(await accounts.verify('sam', 'a brand new long password')).toMatchObject({ username: 'sam', role: 'lead' });
  });

  it('keeps the audit log newest first, a page at a time', async () => {
    const audit = new AuditLog(await (await create()).open());
    await audit.record('sam', 'sign in', undefined, at(0));
    await audit.record('sam', 'POST /advisers/api/handoffs/:id/accept', '7', at(1));
    await audit.record('ria', 'sign in', undefined, at(2));
    expect(await audit.recent(2)).toEqual([
      { id: expect.any(Number), adviser: 'ria', action: 'sign in', target: null, at: at(2).getTime() },
      { id: expect.any(Number), adviser: 'sam', action: 'POST /advisers/api/handoffs/:id/accept', target: '7', at: at(1).getTime() },
    ]);
    const [newest, second, oldest] = await audit.page(undefined, 3);
    expect(newest.id > second.id && second.id > oldest.id).toBe(true);
    expect((await audit.page(second.id, 10)).map((e) => e.id)).toEqual([oldest.id]);
  });

  it('makes each installation secret once, the same for every instance', async () => {
    const database = await create();
    const [one, two] = [await database.open(), await database.open()];
    const secrets = await Promise.all([installationSecret(one, 'directline_client_key'), installationSecret(two, 'directline_client_key'), installationSecret(one, 'directline_client_key')]);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(await installationSecret(two, 'directline_connector_secret')).not.toBe(secrets[0]);
  });
});
