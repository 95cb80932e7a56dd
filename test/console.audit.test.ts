/** The audit log: each sign-in and each change an adviser makes, with who, what and when, and never a family's words. */
import { addAdviser, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

describe('the audit log', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => new Date('2026-11-23T14:00:00Z'));
    await addAdviser(server, 'sam');
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  it('records who did what and when, by id only', async () => {
    const say = (text: string) =>
      postActivity(server.url, { type: 'message', text, conversation: { id: 'audited' }, from: { id: 'user-audited' }, serviceUrl: channel.serviceUrl });
    await say('talk to a person');
    await say('Yes, pass it on');
    await say('skip');
    const sam = await signIn(server, 'sam');
    const { id } = (await sam.call('GET', '/advisers/api/queue')).body.waiting[0];
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);
    await sam.call('POST', `/advisers/api/handoffs/${id}/messages`, { text: 'A private matter about Jo' });
    await sam.call('DELETE', '/advisers/api/session');

    const rows = await server.sql.all('SELECT adviser, action, target, at FROM audit_log ORDER BY id');
    const at = new Date('2026-11-23T14:00:00Z').getTime();
    expect(rows).toEqual([
      { adviser: 'sam', action: 'sign in', target: null, at },
      { adviser: 'sam', action: 'POST /advisers/api/handoffs/:id/accept', target: String(id), at },
      { adviser: 'sam', action: 'POST /advisers/api/handoffs/:id/messages', target: String(id), at },
      { adviser: 'sam', action: 'DELETE /advisers/api/session', target: null, at },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/private matter/);
  });
});
