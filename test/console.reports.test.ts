/**
 * The lead's reports: counts that follow from what families and advisers did (one webchat family
 * who found an answer unhelpful, one SMS family who chatted with an adviser and rated it), counts
 * over a seeded history whose answers are worked out by hand, London's days in summer time, CSV
 * downloads, and no personal data anywhere in them.
 */
import { knowledgeServices } from './helpers/testServices';
import { addAdviser, AdviserClient, signIn } from './helpers/adviserClient';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { seedHistory } from '../bench/seedHistory';
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';
import { performance } from 'node:perf_hooks';
import { storeBackends } from './stores/backends';
import { ReportQueries } from '../src/reports/reportQueries';
import { buildReports, ReportTable, toCsv } from '../src/reports/reports';

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const rowsOf = (tables: ReportTable[], name: string) => tables.find((t) => t.name === name)!.rows;

describe('reports from what happened today', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let lee: AdviserClient;

  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'lee', 'lead');
    await addAdviser(server, 'sam');
    lee = await signIn(server, 'lee');
    const sam = await signIn(server, 'sam');

    const web = (text: string) => postActivity(server.url, { type: 'message', text, conversation: { id: 'web-family' }, from: { id: 'u-web' }, serviceUrl: channel.serviceUrl });
    await web('what is early help');
    await web('It did not help');

    const sms = (text: string) => postActivity(server.url, { type: 'message', text, channelId: 'sms', conversation: { id: 'sms-family' }, from: { id: 'u-sms' }, serviceUrl: channel.serviceUrl });
    await sms('talk to a person');
    await sms('Yes, pass it on');
    await sms('skip');
    const id = (await sam.call('GET', '/advisers/api/queue')).body.waiting[0].id;
    await sam.call('POST', `/advisers/api/handoffs/${id}/accept`);
    await sam.call('POST', `/advisers/api/handoffs/${id}/end`);
    await sam.call('POST', `/advisers/api/handoffs/${id}/outcome`, { outcome: 'referred' });
    const asked = await channel.waitFor('sms-family', /How was your chat with the adviser\?/);
    // SMS has no buttons: the choices are numbered, and the number is the answer.
    expect(asked.text).toMatch(/1\. Good\n2\. OK\n3\. Not good\n4\. Skip/);
    expect(textOf((await sms('3')).replies)).toMatch(/Thank you/);
    expect((await sam.call('GET', `/advisers/api/handoffs/${id}`)).body).toMatchObject({ outcome: 'referred', rating: 'poor' });
  });
  afterAll(async () => {
    await server.stop();
    await channel.close();
  });

  it('counts contacts by channel, the handoff, the adviser, the outcome with its rating, the topic and the unhelpful answer', async () => {
    const reports = await lee.call('GET', '/advisers/api/reports');
    expect(reports.status).toBe(200);
    expect(reports.body).toMatchObject({ from: '2026-10-25', to: '2026-11-23' });
    const { tables } = reports.body;
    expect(tables.find((t: ReportTable) => t.name === 'contacts').columns).toEqual(['Day', 'sms', 'webchat', 'All channels']);
    expect(rowsOf(tables, 'contacts')).toHaveLength(30);
    expect(rowsOf(tables, 'contacts').at(-1)).toEqual(['2026-11-23', 1, 1, 2]);
    expect(rowsOf(tables, 'handoffs')).toEqual([['Joined the queue', 1], ['An adviser accepted', 1], ['Nobody was free in time', 0], ['Left the queue', 0], ['Still waiting', 0]]);
    expect(rowsOf(tables, 'answer-times')[0]).toEqual(['Half were answered within (median)', 0]);
    expect(rowsOf(tables, 'advisers')).toEqual([['sam', 1]]);
    expect(rowsOf(tables, 'outcomes')).toEqual([['Referred', 1]]);
    expect(rowsOf(tables, 'ratings')).toEqual([['Not good', 1, 1]]);
    expect(rowsOf(tables, 'topics')).toEqual([['Early help and family help', 1]]);
    expect(rowsOf(tables, 'unhelpful')).toEqual([['Early help and family help', 1, 0]]);
  });

  it('holds no conversation id, no family words and no family name', async () => {
    const text = JSON.stringify((await lee.call('GET', '/advisers/api/reports')).body);
    for (const personal of ['web-family', 'sms-family', 'u-web', 'u-sms', 'talk to a person', 'It did not help']) expect(text).not.toContain(personal);
  });

  it('downloads each report as CSV, with the dates in its name', async () => {
    const response = await fetch(`${server.url}/advisers/api/reports/ratings.csv?from=2026-11-01&to=2026-11-23`, { headers: { cookie: lee.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ratings-2026-11-01-to-2026-11-23.csv"');
    expect(await response.text()).toBe('Rating,Referred,All outcomes\r\nNot good,1,1\r\n');
    expect((await lee.call('GET', '/advisers/api/reports/nothing.csv')).status).toBe(404);
  });

  it('says which date is wrong', async () => {
    expect((await lee.call('GET', '/advisers/api/reports?from=2026-13-01')).body.error).toMatch(/from/);
    expect((await lee.call('GET', '/advisers/api/reports?from=2026-11-23&to=2026-11-01')).body.error).toMatch(/from: must not be after to/);
    expect((await lee.call('GET', '/advisers/api/reports?from=2024-01-01&to=2026-11-01')).body.error).toMatch(/at most 366 days/);
    expect((await lee.call('GET', '/advisers/api/reports?name=x')).status).toBe(400);
  });
});

// The same reports, counted by each database's own SQL.
describe.each(storeBackends())('reports over a seeded history on $name', ({ name, create }) => {
  const { knowledge } = knowledgeServices();
  let queries: ReportQueries;
  beforeAll(async () => {
    const sql = await (await create()).open();
    // 40 conversations an hour apart from 10:00 on 1 November (London is on UTC then).
    await seedHistory(sql, { conversations: 40, start: new Date('2026-11-01T10:00:00Z'), gapMs: 3_600_000 });
    queries = new ReportQueries(sql);
  });
  const report = () => buildReports(queries, knowledge, { from: '2026-11-01', to: '2026-11-03' }, MONDAY_AFTERNOON);

  it('counts contacts a day by channel', async () => {
    const { tables } = await report();
    expect(rowsOf(tables, 'contacts')).toEqual([
      ['2026-11-01', 5, 4, 5, 14],
      ['2026-11-02', 8, 8, 8, 24],
      ['2026-11-03', 0, 1, 1, 2],
    ]);
  });

  it('counts handoffs, time to answer, chats per adviser, outcomes and ratings', async () => {
    const { tables } = await report();
    expect(rowsOf(tables, 'handoffs')).toEqual([['Joined the queue', 10], ['An adviser accepted', 6], ['Nobody was free in time', 2], ['Left the queue', 2], ['Still waiting', 0]]);
    // Waits of 1, 1, 3, 5, 7 and 7 minutes: the 3rd and the 6th by nearest rank.
    expect(rowsOf(tables, 'answer-times').map((r) => r[1])).toEqual([3, 7]);
    expect(rowsOf(tables, 'advisers')).toEqual([['ali', 3], ['sam', 3]]);
    expect(rowsOf(tables, 'outcomes')).toEqual([['Advice given', 3], ['Referred', 3]]);
    expect(tables.find((t) => t.name === 'ratings')!.columns).toEqual(['Rating', 'Advice given', 'Referred', 'All outcomes']);
    expect(rowsOf(tables, 'ratings')).toEqual([['Good', 1, 1, 2], ['OK', 1, 1, 2], ['Not rated', 1, 1, 2]]);
  });

  it('counts the top topics and the answers rated unhelpful', async () => {
    const { tables } = await report();
    expect(rowsOf(tables, 'topics').map((r) => r[1])).toEqual([14, 13, 13]);
    expect(rowsOf(tables, 'unhelpful')).toEqual([
      ['Early help and family help', 2, 1],
      [knowledge.get('cs-care-proceedings')!.title, 1, 2],
      [knowledge.get('cs-child-protection-plan')!.title, 1, 1],
    ]);
  });

  it("counts a day in London's calendar: half past midnight in summer time is the next day", async () => {
    const summer = await (await create()).open();
    await seedHistory(summer, { conversations: 1, start: new Date('2026-07-01T23:30:00Z'), gapMs: 0 });
    const { tables } = await buildReports(new ReportQueries(summer), knowledge, { from: '2026-07-01', to: '2026-07-02' }, MONDAY_AFTERNOON);
    expect(rowsOf(tables, 'contacts')).toEqual([
      ['2026-07-01', 0],
      ['2026-07-02', 1],
    ].map(([day, n]) => [day, n, n]));
  });

  // A timing on the embedded database; seeding 10,000 conversations into PostgreSQL row by row would take longer than the test.
  (name === 'SQLite' ? it : it.skip)('counts 10,000 conversations with aggregates, well within a second', async () => {
    const big = await (await create()).open();
    await seedHistory(big, { conversations: 10_000, start: new Date('2026-10-26T00:00:00Z'), gapMs: 240_000 });
    const queries = new ReportQueries(big);
    await buildReports(queries, knowledge, {}, MONDAY_AFTERNOON);
    const started = performance.now();
    const { tables } = await buildReports(queries, knowledge, {}, MONDAY_AFTERNOON);
    const ms = performance.now() - started;
    console.log(`Reports over 10,000 conversations (SQLite): ${ms.toFixed(1)} ms`);
    expect(rowsOf(tables, 'handoffs')[0]).toEqual(['Joined the queue', 2500]);
    expect(ms).toBeLessThan(1000);
  });

  it('keeps a cell a spreadsheet would run as a formula inert in CSV', () => {
    expect(toCsv({ name: 'advisers', title: 't', columns: ['Adviser', 'Chats'], rows: [['=HYPERLINK("x")', 1], ['a,b', null]] })).toBe('Adviser,Chats\r\n"\'=HYPERLINK(""x"")",1\r\n"a,b",\r\n');
  });
});
