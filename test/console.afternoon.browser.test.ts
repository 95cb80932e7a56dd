/**
 * An adviser's afternoon, in real Chromium: two advisers (Sam, by keyboard alone, and Ali), two
 * families in the real Web Chat, and a lead (Lee). Availability changes what the family is told
 * about the wait; the family's typing and a danger message reach the console; a private note
 * stays private; Sam passes the chat to Ali, who sends an article's summary after editing it; the
 * family rates the chat; the lead's reports count it all, and an adviser cannot open them. The lead
 * adds an account, whose made password is shown once and works for one sign-in only.
 * axe-core finds nothing on any console view; the lead's pages run under the real CSP.
 */
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { addAdviser, ADVISER_PASSWORD, signIn } from './helpers/adviserClient';
import { axeViolations, CHROMIUM_ARGS, WCAG_AA_TAGS } from './helpers/browser';
import { botAnswerAfter, send, suggested, waitUntil } from './helpers/webchatPage';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(180_000);

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

describe("an adviser's afternoon", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (options: { bypassCSP?: boolean; width?: number } = {}): Promise<Page> => {
    const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    return page;
  };

  beforeAll(async () => {
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'sam');
    await addAdviser(server, 'ali');
    await addAdviser(server, 'lee', 'lead');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  /** A family on the website, up to the question about passing the conversation on. */
  async function familyAsksForAPerson(): Promise<{ page: Page; offer: string }> {
    const page = await newPage({ width: 390 });
    await page.goto(`${server.url}/`);
    await suggested(page, 'Talk to a person').click();
    const offer = (await botAnswerAfter(page, 'Talk to a person')).map((e) => e.text).join('\n');
    return { page, offer };
  }

  async function joinQueue(page: Page): Promise<string> {
    await suggested(page, 'Yes, pass it on').click();
    await botAnswerAfter(page, 'Yes, pass it on');
    return (await send(page, 'skip')).map((e) => e.text).join('\n');
  }

  async function signInByMouse(page: Page, username: string): Promise<void> {
    await page.goto(`${server.url}/advisers`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(ADVISER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${username}`).waitFor();
  }

  it('goes from availability to the lead reading the reports', async () => {
    // Sam signs in and works by keyboard alone; Ali uses a mouse.
    const sam = await newPage();
    await sam.goto(`${server.url}/advisers`);
    // The sign-in form puts the cursor in Username itself.
    await sam.waitForFunction(() => document.activeElement?.id === 'username');
    await sam.keyboard.type('sam');
    await sam.keyboard.press('Tab');
    await sam.keyboard.type(ADVISER_PASSWORD);
    await sam.keyboard.press('Enter');
    await sam.getByText('Signed in as sam').waitFor();
    const ali = await newPage();
    await signInByMouse(ali, 'ali');

    // Both Away: the family is told plainly that nobody is free, and no wait is promised.
    await ali.getByLabel('Your availability').selectOption('away');
    await sam.getByLabel('Your availability').focus();
    await sam.keyboard.press('End'); // Away is the last choice
    await waitUntil(async () => (await server.handoffs.advisersOnline()) === 0, 'both advisers away');
    const first = await familyAsksForAPerson();
    expect(first.offer).toMatch(/no adviser is free right now/);
    expect(await joinQueue(first.page)).toMatch(/No adviser is free right now, so I cannot say how long it will be/);

    // Sam is Available again: the next family hears that an adviser can chat now, with a wait.
    await sam.getByLabel('Your availability').focus();
    await sam.keyboard.press('Home');
    await waitUntil(async () => (await server.handoffs.advisersOnline()) === 1, 'Sam available');
    const second = await familyAsksForAPerson();
    expect(second.offer).toMatch(/An adviser can chat with you now/);
    expect(await joinQueue(second.page)).toMatch(/You are number 2 in the queue\. The wait may be about \d+ minutes\./);
    await ali.getByLabel('Your availability').selectOption('available');

    // The queue view, checked by axe.
    await sam.locator('#queue').getByRole('button', { name: /Open conversation/ }).nth(1).waitFor();
    expect(await axeViolations(sam)).toEqual([]);

    // Sam takes the family who waited longest: Alt+W, then Tab to Accept.
    await sam.keyboard.press('Alt+KeyW');
    await sam.getByRole('button', { name: 'Accept this conversation' }).waitFor();
    await sam.waitForFunction(() => document.activeElement?.id === 'chat-title');
    await sam.keyboard.press('Tab');
    await expect(sam.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Accept this conversation');
    await sam.keyboard.press('Enter');
    await first.page.getByText(/Sam, an adviser, has joined the chat/).first().waitFor();
    await expect(sam.evaluate(() => document.activeElement?.id)).resolves.toBe('reply');

    // The family types (Web Chat sends typing) and the console says so.
    const familyInput = first.page.locator('[data-id="webchat-sendbox-input"]');
    await familyInput.pressSequentially('I am wor', { delay: 50 });
    await sam.getByText('The family is typing…').waitFor();
    await familyInput.fill('');

    // Danger in the live chat: a banner at once on Sam's console.
    const sentAt = Date.now();
    await familyInput.fill('my partner is hitting me now');
    await familyInput.press('Enter');
    const banner = sam.getByRole('alert').filter({ hasText: 'Danger in a chat' });
    await banner.waitFor();
    console.log(`Alert latency, a family's danger message in Web Chat to the banner on the adviser's console: ${Date.now() - sentAt} ms`);
    await first.page.getByText(/999/).first().waitFor();

    // A private note, with words that look like HTML: shown as typed, never to the family.
    await sam.keyboard.press('Alt+KeyR');
    const note = 'Worried about <b>safety</b> at home';
    await sam.getByLabel('Add a private note').focus();
    await sam.keyboard.type(note);
    await sam.keyboard.press('Tab');
    await sam.keyboard.press('Enter');
    await sam.locator('#notes').getByText(note).waitFor();
    expect(await sam.locator('#notes b').count()).toBe(0);
    // The chat view, checked by axe (the banner too).
    expect(await axeViolations(sam)).toEqual([]);

    // Sam passes the chat to Ali, with a note.
    await sam.getByLabel('To', { exact: true }).selectOption('ali');
    await sam.getByLabel('A note for whoever takes it (private)').fill('She is safe for now; talk about section 20');
    await sam.getByRole('button', { name: 'Pass the chat on' }).click();
    await first.page.getByText(/Ali, another adviser, is taking over your chat/).first().waitFor();
    await ali.locator('#live').getByRole('button', { name: /Open conversation/ }).click();
    await ali.locator('#notes').getByText(/Passed to ali: She is safe for now/).waitFor();

    // Ali puts an article's summary in the reply box, edits it, sends it; the family gets the edited words.
    await ali.getByLabel('Search articles, letters and saved replies').fill('what is section 20');
    await ali.getByRole('button', { name: 'Search', exact: true }).click();
    await ali.getByRole('button', { name: /Put in the reply box: .*section 20/i }).first().click();
    const reply = ali.getByLabel('Your message');
    const inserted = await reply.inputValue();
    expect(inserted.length).toBeGreaterThan(40);
    await reply.fill(`Hello, I am Ali. ${inserted}`);
    await ali.getByRole('button', { name: 'Send' }).click();
    await first.page.getByText(/^Hello, I am Ali\./).first().waitFor();

    // The note never reached the family.
    const familyText = await first.page.locator('body').innerText();
    expect(familyText).not.toMatch(/Worried about|safe for now/);

    // Ali ends the chat; the family rates it Good; Ali records the outcome.
    await ali.getByRole('button', { name: 'End the chat' }).click();
    await first.page.getByText(/How was your chat with the adviser\?/).first().waitFor();
    await suggested(first.page, 'Good').click();
    await botAnswerAfter(first.page, 'Good');
    await ali.getByLabel('What came of it').selectOption('advice-given');
    await ali.getByRole('button', { name: 'Save the outcome' }).click();
    await ali.getByText('Outcome: Advice given').waitFor();
    await ali.getByText('The family rated this chat: Good').waitFor();

    // Sam takes the second family and ends; that family skips the rating.
    await sam.keyboard.press('Alt+KeyW');
    await sam.getByRole('button', { name: 'Accept this conversation' }).waitFor();
    await sam.waitForFunction(() => document.activeElement?.id === 'chat-title');
    await sam.keyboard.press('Tab');
    await sam.keyboard.press('Enter');
    await second.page.getByText(/Sam, an adviser, has joined the chat/).first().waitFor();
    await sam.getByRole('button', { name: 'End the chat' }).focus();
    await sam.keyboard.press('Enter');
    await second.page.getByText(/How was your chat with the adviser\?/).first().waitFor();
    await suggested(second.page, 'Skip').click();
    await botAnswerAfter(second.page, 'Skip');

    // The messages view (the rest of the console page), checked by axe.
    await sam.locator('#messages-title').scrollIntoViewIfNeeded();
    expect(await axeViolations(sam)).toEqual([]);

    // An adviser cannot open the lead's pages: the refusal, and nothing else.
    for (const path of ['/advisers/reports', '/advisers/accounts', '/advisers/audit']) {
      await sam.goto(`${server.url}${path}`);
      await sam.getByRole('alert').getByText('Only a lead can do this.').waitFor();
      expect(await sam.locator('main section:not([hidden])').count()).toBe(0);
    }
    await expect(sam.getByRole('link', { name: 'Reports' }).count()).resolves.toBe(1);
    await sam.goto(`${server.url}/advisers`);
    await sam.getByText('Signed in as sam').waitFor();
    expect(await sam.locator('#lead-nav').isHidden()).toBe(true);

    // The lead, under the real Content-Security-Policy (no bypass), reads the reports.
    const lee = await newPage({ bypassCSP: false });
    await lee.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await signInByMouse(lee, 'lee');
    await lee.getByRole('link', { name: 'Reports' }).click();
    await lee.getByRole('heading', { name: 'Families who asked for an adviser' }).waitFor();
    const cells = (name: string) => lee.locator('section.report', { has: lee.getByRole('heading', { name, exact: true }) }).locator('tbody tr');
    await expect(cells('Families who asked for an adviser').allInnerTexts()).resolves.toEqual(['Joined the queue\t2', 'An adviser accepted\t2', 'Nobody was free in time\t0', 'Left the queue\t0', 'Still waiting\t0']);
    await expect(cells('Chats per adviser').allInnerTexts()).resolves.toEqual(['ali\t1', 'sam\t1']);
    expect((await cells('Outcomes of ended chats').allInnerTexts()).sort()).toEqual(['Advice given\t1', 'Not recorded\t1']);
    // Columns: the rating, then each outcome, then all outcomes; Sam's chat has no outcome yet.
    expect(await cells("Families' ratings of their chats, by outcome").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Good\t.*\t1$/), expect.stringMatching(/^Not rated\t.*\t1$/)]));
    expect((await cells('Contacts a day, by channel').last().innerText()).split('\t')).toEqual(['2026-11-23', '2', '2']);
    // A chart for each report with something to count (nobody was given an article today: no topics, no unhelpful answers).
    const drawn = () => lee.evaluate(() => Array.from(document.querySelectorAll('canvas')).map((c) => (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => unknown } }).Chart.getChart(c) !== undefined && c.width > 0));
    await expect(drawn()).resolves.toEqual([true, true, true, true, true, true]);
    await lee.getByText('Nothing to count in these dates.').nth(1).waitFor();
    await expect(lee.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).resolves.toEqual([]);
    const csv = await lee.evaluate(async () => (await fetch('/advisers/api/reports/advisers.csv')).text());
    expect(csv).toBe('Adviser,Chats\r\nali,1\r\nsam,1\r\n');
    expect(await axeUnderCsp(lee)).toEqual([]);

    await lee.getByRole('link', { name: 'Accounts' }).click();
    await lee.getByRole('row', { name: /ali/ }).waitFor();
    expect(await axeUnderCsp(lee)).toEqual([]);

    // The lead adds Kit; the password made for Kit is shown once, and Kit must then choose their own.
    await lee.getByLabel('Username (lower-case letters and digits)').fill('kit');
    await lee.getByRole('button', { name: 'Add the account' }).click();
    const once = (await lee.locator('#once').getByText(/Their password: /).innerText()).match(/Their password: (\S+) /)![1];
    await lee.getByRole('row', { name: /kit/ }).waitFor();
    const kit = await newPage();
    await kit.goto(`${server.url}/advisers`);
    await kit.getByLabel('Username').fill('kit');
    await kit.getByLabel('Password').fill(once);
    await kit.getByRole('button', { name: 'Sign in' }).click();
    await kit.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await axeViolations(kit)).toEqual([]);
    await kit.getByLabel('New password', { exact: true }).fill('kit chose this one');
    await kit.getByLabel('The same password again').fill('kit chose this one');
    await kit.getByRole('button', { name: 'Save my password' }).click();
    await kit.getByText('Signed in as kit').waitFor();
    // Whatever was asked for is audited as it came, and shown as text: markup in an id stays inert.
    const injected = '<img src=x id=injected>';
    await (await signIn(server, 'sam')).call('POST', `/advisers/api/handoffs/${encodeURIComponent(injected)}/notes`, { text: 'x' });
    await lee.getByRole('link', { name: 'Audit log' }).click();
    await lee.getByRole('cell', { name: 'POST /advisers/api/handoffs/:id/transfer' }).first().waitFor();
    await lee.getByRole('cell', { name: injected, exact: true }).waitFor();
    expect(await lee.locator('#injected').count()).toBe(0);
    expect(await axeUnderCsp(lee)).toEqual([]);
    await expect(lee.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).resolves.toEqual([]);
  });
});

/** axe-core in a page whose CSP forbids added scripts: evaluated through the browser's own debugger protocol instead. */
async function axeUnderCsp(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }));
  }, WCAG_AA_TAGS);
}
