/**
 * The adviser console in real Chromium: an adviser signs in, accepts a family waiting in the
 * queue, chats with them (the family driven through /api/messages), and ends the chat. What the
 * family typed always shows as text, never as HTML. No axe-core violations on the console pages.
 */
import { addAdviser, ADVISER_PASSWORD } from './helpers/adviserClient';
import { axeViolations, BrowserSession, openBrowser } from './helpers/browser';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const XSS = 'My letter says <script>window.__hacked = 1</script> and <img src=x onerror="window.__hacked = 2"> what now?';

describe('the adviser console in a browser', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let browser: BrowserSession;
  const family = (text: string) =>
    postActivity(server.url, { type: 'message', text, conversation: { id: 'browser-family' }, from: { id: 'browser-user' }, serviceUrl: channel.serviceUrl });

  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'robin');
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await channel?.close();
  });

  it('signs in, accepts, chats both ways and ends the chat', async () => {
    const { page } = browser;
    await family('the social want me to sign a section 20');
    await family('talk to a person');
    await family('Yes, pass it on');
    await family(XSS);

    await page.goto(`${server.url}/advisers`);
    await page.getByLabel('Username').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Username').fill('robin');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That username or password is not right.').waitFor();
    await page.getByLabel('Password').fill(ADVISER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as robin').waitFor();

    await page.getByRole('button', { name: /Open conversation: Being asked to agree to section 20/ }).click();
    await page.getByText('In their words').or(page.getByText('Topic')).first().waitFor();
    const transcript = page.locator('#transcript');
    await transcript.getByText('<script>window.__hacked = 1</script>', { exact: false }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __hacked?: number }).__hacked)).toBeUndefined();
    expect(await transcript.locator('script, img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Accept this conversation' }).click();
    await channel.waitFor('browser-family', /Robin, an adviser, has joined the chat/);

    await page.getByLabel('Your message').fill('Hello, I am Robin. I have read your chat.');
    await page.getByRole('button', { name: 'Send' }).click();
    await channel.waitFor('browser-family', /Hello, I am Robin/);

    const sentAt = Date.now();
    await family('Thank you, the meeting is tomorrow');
    await transcript.getByText('Thank you, the meeting is tomorrow').waitFor();
    console.log(`Time from the family's message to the adviser's screen (loopback): ${Date.now() - sentAt} ms`);
    expect(await axeViolations(page)).toEqual([]);

    const summary = page.locator('#summary');
    await summary.getByText('Being asked to agree to section 20', { exact: false }).first().waitFor();
    expect(await summary.textContent()).not.toMatch(/cs-section-20/);
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.accept().then(() => resolve(dialog.message()))));
    await page.getByRole('button', { name: 'End the chat' }).click();
    expect(await asked).toMatch(/^Are you sure/);
    await channel.waitFor('browser-family', /The adviser has ended the chat/);
    await page.getByRole('button', { name: 'End the chat' }).waitFor({ state: 'hidden' });
  });
});
