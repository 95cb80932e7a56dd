/**
 * The webchat page on a phone (390 × 844, Chromium), at localhost and at 127.0.0.1, under the page's
 * own strict CSP: the chat fills the screen, the choices take one strip, the welcome's privacy line
 * is in view, and each answer is shown from its first line, not scrolled to its end.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './helpers/browser';
import { botAnswerAfter, recordInPage, suggested } from './helpers/webchatPage';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

/** Where a bot message sits against the transcript's visible area (px from its top), and how much of the screen the parts take. */
interface Placement {
  top: number;
  visibleHeight: number;
}

/** The first bot message after the user's `said` (or the first containing `text`), against the transcript's visible area. */
function placementOf(page: Page, find: { after?: string; containing?: string }): Promise<Placement | null> {
  return page.evaluate(({ after, containing }) => {
    const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
    const activities = Array.from(document.querySelectorAll('.webchat__basic-transcript__activity'));
    const textOf = (a: Element) => (a.querySelector('.webchat__bubble__content') as HTMLElement | null)?.innerText ?? '';
    const isUser = (a: Element) => !!a.querySelector('.webchat__bubble--from-user');
    let target: Element | undefined;
    if (after) {
      const index = activities.map((a) => isUser(a) && textOf(a).trim() === after).lastIndexOf(true);
      target = activities.slice(index + 1).find((a) => !isUser(a));
    } else target = activities.find((a) => !isUser(a) && textOf(a).includes(containing ?? ''));
    const bubble = target?.querySelector('.webchat__bubble__content');
    if (!scroller || !bubble) return null;
    const box = scroller.getBoundingClientRect();
    const visibleTop = Math.max(box.top, 0);
    const visibleBottom = Math.min(box.bottom, window.innerHeight);
    return { top: bubble.getBoundingClientRect().top - visibleTop, visibleHeight: visibleBottom - visibleTop };
  }, find);
}

/** The first line (about 30 px) of the message is inside the visible part of the transcript. */
function expectFirstLineVisible(placement: Placement | null): void {
  expect(placement).not.toBeNull();
  expect(placement!.top).toBeGreaterThanOrEqual(-2);
  expect(placement!.top + 30).toBeLessThanOrEqual(placement!.visibleHeight);
}

describe.each(['localhost', '127.0.0.1'])('the webchat page on a phone at %s', (host) => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'en-GB' });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    await context.addInitScript(recordInPage);
    page = await context.newPage();
    await page.goto(server.url.replace('localhost', host) + '/');
    await suggested(page, 'Talk to a person').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('gives the chat the screen: the words above fold away and the choices take one strip', async () => {
    const sizes = await page.evaluate(() => {
      const chat = document.getElementById('webchat')!.getBoundingClientRect();
      const strip = document.querySelector('[role="toolbar"][aria-label="Suggested actions"]')!.getBoundingClientRect();
      const transcript = document.querySelector('.webchat__basic-transcript__scrollable')!.getBoundingClientRect();
      return { chatTop: chat.top, chatBottom: chat.bottom, strip: strip.height, transcript: transcript.height, aboutOpen: (document.getElementById('about') as HTMLDetailsElement).open };
    });
    console.log(`phone ${host}: chat ${Math.round(sizes.chatBottom - sizes.chatTop)} px tall from y=${Math.round(sizes.chatTop)}, ${Math.round(sizes.transcript)} px for messages, choices strip ${Math.round(sizes.strip)} px`);
    expect(sizes.aboutOpen).toBe(false);
    expect(sizes.chatTop).toBeGreaterThanOrEqual(0);
    expect(sizes.chatBottom).toBeLessThanOrEqual(PHONE.height + 1);
    expect(sizes.chatBottom - sizes.chatTop).toBeGreaterThan(PHONE.height * 0.8);
    expect(sizes.strip).toBeLessThan(110);
    expect(sizes.transcript).toBeGreaterThan(450);
  });

  it("shows the welcome's privacy line", async () => {
    expectFirstLineVisible(await placementOf(page, { containing: 'Please do not type your name' }));
  });

  it.each(['what is a child protection plan', 'Tell me more', 'Tell me more'])('shows the answer to "%s" from its first line', async (said) => {
    if (said === 'Tell me more') await suggested(page, said).click();
    else {
      await page.locator('[data-id="webchat-sendbox-input"]').fill(said);
      await page.locator('[data-id="webchat-sendbox-input"]').press('Enter');
    }
    await botAnswerAfter(page, said);
    await page.waitForTimeout(600);
    const placement = await placementOf(page, { after: said });
    console.log(`phone ${host}: the answer to "${said}" starts ${Math.round(placement?.top ?? NaN)} px below the top of ${Math.round(placement?.visibleHeight ?? NaN)} px of messages`);
    expectFirstLineVisible(placement);
  });

  it('had no Content Security Policy violations', async () => {
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });
});
