/**
 * Alerts in the adviser console, in real Chromium: the tab title counts families waiting and
 * unread messages, a tone plays (unless the adviser turns it off), and danger in a live chat
 * raises its own banner and notification at once, one per alert, while the summary's safety
 * flags change on screen. Two chats at once by keyboard, each with its draft, and typing both ways;
 * an article's summary put in the reply box, edited and sent; a private note the family never gets.
 * Notifications and tones are recorded by stand-ins the page cannot tell apart.
 */
import { addAdviser, ADVISER_PASSWORD } from './helpers/adviserClient';
import { axeViolations, BrowserSession, openBrowser } from './helpers/browser';
import { FakeChannel, startFakeChannel } from './helpers/fakeChannel';
import { postActivity, startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');

interface Recorded {
  notes: { title: string; body: string; tag: string; requireInteraction: boolean }[];
  tones: boolean[];
}

// Runs in the page before its own scripts: a granted Notification that records, and a tone recorder.
function recordAlerts() {
  const record: Recorded = { notes: [], tones: [] };
  (window as unknown as { __alerts: Recorded }).__alerts = record;
  class RecordingNotification extends EventTarget {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title: string, options: { body: string; tag: string; requireInteraction: boolean }) {
      super();
      record.notes.push({ title, body: options.body, tag: options.tag, requireInteraction: options.requireInteraction });
    }
    close() {}
  }
  (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  window.addEventListener('console-tone', (event) => record.tones.push((event as CustomEvent<{ danger: boolean }>).detail.danger));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('alerts in the adviser console', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let browser: BrowserSession;
  const family = (conversation: string) => (text: string | { type: 'typing' }) =>
    postActivity(server.url, { ...(typeof text === 'string' ? { type: 'message', text } : text), conversation: { id: conversation }, from: { id: `user-${conversation}` }, serviceUrl: channel.serviceUrl });
  const queueUp = async (conversation: string) => {
    const say = family(conversation);
    // A message search is sure of, so the handoff knows the topic and queues at once.
    await say('the social want me to sign a section 20');
    await say('talk to a person');
    await say('Yes, pass it on');
    return say;
  };

  beforeAll(async () => {
    channel = await startFakeChannel();
    server = await startTestServer({}, () => MONDAY_AFTERNOON);
    await addAdviser(server, 'robin');
    browser = await openBrowser();
    await browser.page.addInitScript(recordAlerts);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await channel?.close();
  });

  it('counts in the tab title, sounds, raises a banner per danger, and serves two chats by keyboard', async () => {
    const { page } = browser;
    const recorded = () => page.evaluate(() => (window as unknown as { __alerts: Recorded }).__alerts);
    const titleIs = (pattern: RegExp) => page.waitForFunction((source) => new RegExp(source).test(document.title), pattern.source);

    await page.goto(`${server.url}/advisers`);
    await page.getByLabel('Username').fill('robin');
    await page.getByLabel('Password').fill(ADVISER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as robin').waitFor();
    expect(await page.title()).toBe('Adviser console');
    expect(await page.getByLabel('Play a sound for alerts').isChecked()).toBe(true);

    const first = await queueUp('alert-first');
    await titleIs(/^\(1\) Adviser console$/);
    expect((await recorded()).tones).toEqual([false]);
    await queueUp('alert-second');
    await titleIs(/^\(2\) Adviser console$/);

    // Accept the first family, then look at the second: the first family's news is now unread.
    await page.getByRole('button', { name: /Open conversation/ }).first().click();
    await page.getByRole('button', { name: 'Accept this conversation' }).click();
    await channel.waitFor('alert-first', /Robin, an adviser, has joined the chat/);
    await titleIs(/^\(1\) Adviser console$/);
    await page.locator('#queue').getByRole('button', { name: /Open conversation/ }).click();
    await page.getByRole('button', { name: 'Accept this conversation' }).waitFor();
    await first('the meeting is on friday');
    await titleIs(/^\(2\) Adviser console$/);
    await page.locator('#live').getByText('1 new message').waitFor();

    const sentAt = Date.now();
    await first('my partner is hitting me now');
    const banner = page.getByRole('alert').filter({ hasText: 'Danger in a chat' });
    await banner.waitFor();
    console.log(`Alert latency, the family's danger message to the banner on screen (loopback): ${Date.now() - sentAt} ms`);
    expect(await banner.textContent()).toMatch(/violence/);
    // One family waiting, two unread lines in the first chat, one danger banner.
    await titleIs(/^\(4\) Danger! Adviser console$/);
    const afterDanger = await recorded();
    expect(afterDanger.tones.at(-1)).toBe(true);
    expect(afterDanger.notes.at(-1)).toMatchObject({ title: 'Danger in a chat', requireInteraction: true });
    expect(afterDanger.notes.at(-1)?.body).not.toMatch(/partner|hitting/);
    expect(await axeViolations(page)).toEqual([]);

    // A second danger is a second banner and a second notification, never merged with the first.
    await first('he is going to kill me');
    await page.getByRole('alert').filter({ hasText: 'Danger in a chat' }).nth(1).waitFor();
    const tags = (await recorded()).notes.filter((n) => n.title === 'Danger in a chat').map((n) => n.tag);
    expect(tags).toHaveLength(2);
    expect(new Set(tags).size).toBe(2);

    // Opening the chat from the banner shows the flags, and clears its unread count.
    await banner.first().getByRole('button', { name: 'Open this chat' }).click();
    const summary = page.locator('#summary');
    await summary.getByText(/violence/).waitFor();
    await titleIs(/^\(3\) Danger! Adviser console$/);

    // Dismissed by keyboard alone: the banners go, and so does "Danger!" in the title.
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'I have seen this' }).first().focus();
      await page.keyboard.press('Enter');
    }
    await titleIs(/^\(1\) Adviser console$/);

    // Two chats at once, by keyboard: Alt+W takes the family waiting longest, Alt+1 and Alt+2 switch, each keeps its draft.
    await page.keyboard.press('Alt+KeyW');
    await page.getByRole('button', { name: 'Accept this conversation' }).click();
    await page.getByLabel('Your message').waitFor();
    await page.keyboard.press('Alt+KeyR');
    await page.keyboard.type('A draft for the second family');
    await until(() => channel.received.some((a) => a.conversationId === 'alert-second' && a.type === 'typing'));
    await page.keyboard.press('Alt+Digit1');
    await page.locator('#summary').getByText(/violence/).waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe('');
    await family('alert-first')({ type: 'typing' });
    await page.getByText('The family is typing…').waitFor();
    await page.keyboard.press('Alt+Digit2');
    await page.getByText('The family is typing…').waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Your message').inputValue()).toBe('A draft for the second family');
    await page.locator('#live').getByText(/Family last wrote/).first().waitFor();

    // An article's summary goes into the reply box, is edited there, and only then sent.
    await page.getByLabel('Search articles, letters and saved replies').fill('what is a section 20');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: /Put in the reply box: .*section 20/i }).first().click();
    const reply = page.getByLabel('Your message');
    const inserted = await reply.inputValue();
    expect(inserted.startsWith('A draft for the second family\n\n')).toBe(true);
    await reply.fill(inserted.replace('A draft for the second family', 'Here is what section 20 means.'));
    // A private note, seen here but never by the family.
    await page.getByLabel('Add a private note').fill('Talked through section 20 <b>carefully</b>.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.locator('#notes').getByText('Talked through section 20 <b>carefully</b>.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send' }).click();
    await channel.waitFor('alert-second', /^Here is what section 20 means\./);
    expect(channel.textsFor('alert-second').join('\n')).not.toMatch(/carefully/);

    // With the sound turned off (remembered after a reload), news makes no tone.
    await page.getByLabel('Play a sound for alerts').uncheck();
    await page.reload();
    await page.getByText('Signed in as robin').waitFor();
    expect(await page.getByLabel('Play a sound for alerts').isChecked()).toBe(false);
    await page.locator('#alerts-title').click();
    await queueUp('alert-third');
    await titleIs(/^\(1\) Adviser console$/);
    expect((await recorded()).tones).toEqual([]);
  });
});
