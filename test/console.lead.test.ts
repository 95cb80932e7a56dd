/**
 * A lead's console: accounts (list, add, disable, reset a password), the audit log, and who may
 * see them. An adviser is refused (403) on every lead route; every change needs the CSRF token;
 * disabling an account ends its sessions and event streams at once.
 */
import { addAdviser, ADVISER_PASSWORD, AdviserClient, callConsole, signIn } from './helpers/adviserClient';
import { startTestServer, TestServer } from './helpers/testServer';

// Every row has a body (undefined for a GET): jest takes a missing last argument for a done callback.
const LEAD_ROUTES: [string, string, unknown][] = [
  ['GET', '/advisers/api/accounts', undefined],
  ['POST', '/advisers/api/accounts', { username: 'newbie', role: 'adviser' }],
  ['POST', '/advisers/api/accounts/jo/disabled', { disabled: true }],
  ['POST', '/advisers/api/accounts/jo/password', {}],
  ['GET', '/advisers/api/audit', undefined],
  ['GET', '/advisers/api/reports', undefined],
  ['GET', '/advisers/api/reports/contacts.csv', undefined],
];

describe("a lead's console", () => {
  let server: TestServer;
  let lee: AdviserClient;
  let jo: AdviserClient;

  beforeAll(async () => {
    server = await startTestServer();
    await addAdviser(server, 'lee', 'lead');
    await addAdviser(server, 'jo');
    lee = await signIn(server, 'lee');
    jo = await signIn(server, 'jo');
  });
  afterAll(() => server.stop());

  it('tells the page whether the one signed in is a lead', async () => {
    expect((await lee.call('GET', '/advisers/api/session')).body.role).toBe('lead');
    expect((await jo.call('GET', '/advisers/api/session')).body.role).toBe('adviser');
  });

  it.each(LEAD_ROUTES)('refuses an adviser %s %s (403), and changes nothing', async (method, path, body) => {
    const response = await jo.call(method, path, body);
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('Only a lead can do this.');
    expect((await lee.call('GET', '/advisers/api/accounts')).body.accounts.map((a: { username: string; disabled: boolean }) => `${a.username}:${a.disabled}`)).toEqual(['jo:false', 'lee:false']);
  });

  it.each(LEAD_ROUTES.filter(([method]) => method === 'POST'))('refuses a lead %s %s without the CSRF token (403)', async (method, path, body) => {
    expect((await lee.call(method, path, body, { 'x-csrf-token': 'wrong' })).status).toBe(403);
  });

  it('adds an account with a password made for it, shown once, that works', async () => {
    const added = await lee.call('POST', '/advisers/api/accounts', { username: 'Kit', role: 'adviser' });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ username: 'kit', role: 'adviser', password: expect.stringMatching(/^[A-Za-z0-9]{18}$/) });
    expect((await lee.call('POST', '/advisers/api/accounts', { username: 'kit', role: 'adviser' })).status).toBe(409);
  });

  it("makes a lead's password good for one sign-in: nothing else works until its owner chooses their own", async () => {
    const given = (await lee.call('POST', '/advisers/api/accounts/kit/password', {})).body.password;
    const kit = await signIn(server, 'kit', given);
    expect((await kit.call('GET', '/advisers/api/session')).body).toMatchObject({ adviser: 'kit', passwordChangeDue: true });
    for (const [method, path] of [['GET', '/advisers/api/queue'], ['GET', '/advisers/api/events'], ['POST', '/advisers/api/availability']]) {
      expect((await kit.call(method, path, method === 'POST' ? { status: 'available' } : undefined)).body.error).toBe('Choose your own password first.');
    }
    expect((await server.handoffs.advisers()).map((a) => a.adviser)).not.toContain('kit');
    expect((await kit.call('POST', '/advisers/api/session/password', { password: given })).body.error).toMatch(/not the one you were given/);
    expect((await kit.call('POST', '/advisers/api/session/password', { password: 'short' })).body.error).toMatch(/password: use at least 12 characters/);
    expect((await kit.call('POST', '/advisers/api/session/password', { password: 'kit chose this one' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await kit.call('POST', '/advisers/api/session/password', { password: 'kit chose this one' })).status).toBe(200);
    expect((await kit.call('GET', '/advisers/api/queue')).status).toBe(200);
    expect((await kit.call('GET', '/advisers/api/session')).body.passwordChangeDue).toBe(false);
    await signIn(server, 'kit', 'kit chose this one');
  });

  it('adds a lead with the password the lead typed, and says what is wrong with a bad one', async () => {
    expect((await lee.call('POST', '/advisers/api/accounts', { username: 'max', role: 'lead', password: 'short' })).body.error).toMatch(/password: use at least 12 characters/);
    expect((await lee.call('POST', '/advisers/api/accounts', { username: '<b>x</b>', role: 'adviser' })).body.error).toMatch(/username:/);
    expect((await lee.call('POST', '/advisers/api/accounts', { username: 'max', role: 'boss' })).body.error).toMatch(/role/);
    const added = await lee.call('POST', '/advisers/api/accounts', { username: 'max', role: 'lead', password: ADVISER_PASSWORD });
    expect(added.body).toEqual({ username: 'max', role: 'lead' });
    const max = await signIn(server, 'max');
    await max.call('POST', '/advisers/api/session/password', { password: 'max chose this one' });
    expect((await max.call('GET', '/advisers/api/accounts')).status).toBe(200);
  });

  it('resets a password: the old one and its sessions stop working, the new one is shown once', async () => {
    await addAdviser(server, 'ren');
    const ren = await signIn(server, 'ren');
    const reset = await lee.call('POST', '/advisers/api/accounts/ren/password', {});
    expect(reset.body.password).toMatch(/^[A-Za-z0-9]{18}$/);
    expect((await ren.call('GET', '/advisers/api/queue')).status).toBe(401);
    expect((await callConsole(server, 'POST', '/advisers/api/session', { username: 'ren', password: ADVISER_PASSWORD })).status).toBe(401);
    await signIn(server, 'ren', reset.body.password);
    expect((await lee.call('POST', '/advisers/api/accounts/ren/password', { password: 'another long password' })).body).toEqual({ username: 'ren' });
    await signIn(server, 'ren', 'another long password');
    expect((await lee.call('POST', '/advisers/api/accounts/nobody/password', {})).status).toBe(404);
  });

  it("disables an account: its sessions end, its open event stream ends at once, and it cannot sign in; enabling lets it back", async () => {
    await addAdviser(server, 'dee');
    const dee = await signIn(server, 'dee');
    const stream = await fetch(`${server.url}/advisers/api/events`, { headers: { cookie: dee.cookie } });
    const reader = stream.body!.getReader();
    let text = '';
    const ended = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += Buffer.from(value).toString();
      }
    })();

    expect((await lee.call('POST', '/advisers/api/accounts/dee/disabled', { disabled: true })).body).toEqual({ username: 'dee', disabled: true });
    await ended;
    expect(text).toMatch(/event: signed_out/);
    expect((await dee.call('GET', '/advisers/api/queue')).status).toBe(401);
    expect((await callConsole(server, 'POST', '/advisers/api/session', { username: 'dee', password: ADVISER_PASSWORD })).status).toBe(401);
    expect((await lee.call('GET', '/advisers/api/accounts')).body.accounts.find((a: { username: string }) => a.username === 'dee').disabled).toBe(true);

    await lee.call('POST', '/advisers/api/accounts/dee/disabled', { disabled: false });
    await signIn(server, 'dee');
  });

  it('will not let a lead disable their own account', async () => {
    expect((await lee.call('POST', '/advisers/api/accounts/lee/disabled', { disabled: true })).status).toBe(409);
  });

  it('shows the audit log, newest first, a page at a time, with every account action in it', async () => {
    for (let i = 0; i < 30; i++) await jo.call('POST', '/advisers/api/availability', { status: i % 2 ? 'busy' : 'available' });
    await lee.call('POST', '/advisers/api/accounts/lee/disabled', { disabled: true });
    const first = (await lee.call('GET', '/advisers/api/audit')).body;
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]).toEqual({ id: expect.any(Number), adviser: 'lee', action: 'POST /advisers/api/accounts/:username/disabled', target: 'lee', at: expect.any(String) });
    const actions = first.entries.map((e: { adviser: string; action: string; target: string | null }) => `${e.adviser} ${e.action} ${e.target}`);
    expect(actions).toContain('jo POST /advisers/api/availability null');

    const second = (await lee.call('GET', `/advisers/api/audit?before=${first.before}`)).body;
    expect(second.entries[0].id).toBeLessThan(first.entries[49].id);
    expect(second.before).toBeNull();
    const all = [...first.entries, ...second.entries].map((e: { adviser: string; action: string; target: string | null }) => `${e.adviser} ${e.action} ${e.target}`);
    expect(all).toEqual(expect.arrayContaining(['lee account disabled dee', 'lee account enabled dee', 'lee password reset ren', 'lee account added (lead) max', 'lee account added (adviser) kit', 'jo POST /advisers/api/accounts/:username/disabled jo', 'jo sign in null']));
    expect((await lee.call('GET', '/advisers/api/audit?before=soon')).status).toBe(400);
  });
});
