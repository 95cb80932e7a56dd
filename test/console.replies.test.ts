/**
 * Replies from the knowledge base: an adviser searches articles, letters and saved replies from
 * the console and gets words to put in the reply box. Saved replies are data, checked at load.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSavedReplies } from '../src/content/savedReplies';
import { addAdviser, signIn } from './helpers/adviserClient';
import { startTestServer, TestServer } from './helpers/testServer';

describe('replies from the knowledge base', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await addAdviser(server, 'sam');
  });
  afterAll(() => server.stop());

  it("finds an article by the bot's own search and gives its plain summary", async () => {
    const sam = await signIn(server, 'sam');
    const { articles } = (await sam.call('GET', '/advisers/api/replies?q=what%20is%20a%20section%2020')).body;
    expect(articles[0]).toMatchObject({ id: 'cs-section-20-voluntary-accommodation', text: expect.any(String) });
    expect(articles[0].text.length).toBeGreaterThan(20);
  });

  it('finds a letter by its title, with blanks left to fill in', async () => {
    const sam = await signIn(server, 'sam');
    const { letters } = (await sam.call('GET', '/advisers/api/replies?q=advocate')).body;
    expect(letters.map((l: { id: string }) => l.id)).toEqual(['request-advocate']);
    expect(letters[0].text).not.toMatch(/\{\{/);
  });

  it('lists every saved reply for an empty search', async () => {
    const sam = await signIn(server, 'sam');
    const { saved, articles } = (await sam.call('GET', '/advisers/api/replies?q=')).body;
    expect(saved.map((r: { id: string }) => r.id)).toEqual(loadSavedReplies().map((r) => r.id));
    expect(articles).toEqual([]);
  });

  it('refuses a search without a session', async () => {
    expect((await fetch(`${server.url}/advisers/api/replies?q=court`)).status).toBe(401);
  });
});

describe('the saved replies file', () => {
  it('names the entry and field that are wrong', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'saved-')), 'saved-replies.yaml');
    writeFileSync(file, '- id: Hello There\n  title: Hi\n  text: "Hello, how can I help you?"\n');
    expect(() => loadSavedReplies(file)).toThrow(/0\.id|id/);
  });
});
