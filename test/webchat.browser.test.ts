/**
 * The webchat page in a real browser (Debian's Chromium through playwright-core), read as a visit:
 * a parent opens the page, is welcomed, asks a question, taps a button, says something frightening
 * and is given 999 first, uses the keyboard alone, switches to high contrast, and leaves quickly.
 * axe-core checks WCAG 2.2 AA on the page with a conversation in it, on a laptop and a phone screen.
 * It also measures what the page weighs and how soon the first bot message shows, and prints both.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { axeViolations, CHROMIUM_ARGS } from './helpers/browser';
import { botAnswerAfter, recordInPage, send, sendFailed, suggested, waitUntil } from './helpers/webchatPage';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(60_000);

const NEUTRAL_PAGE = 'https://www.bbc.co.uk/weather';

describe('The webchat page', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    // chromium.launch gives every launch a fresh, temporary user-data-dir, removed on close.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    // No real network: anything not on this server is refused, and the neutral page is a stand-in.
    await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort());
    await context.route(`${NEUTRAL_PAGE}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }));
    await context.addInitScript(recordInPage);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is served with a strict Content Security Policy and no caching', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/connect-src 'self' ws:\/\/localhost:\d+;/);
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toMatch(/<html lang="en-GB">/);
    // Every script is a file from this server, or a JSON data block that browsers never run.
    for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)) {
      expect(/type="application\/json"/.test(attributes) || (/src="\/assets\//.test(attributes) && body === '')).toBe(true);
    }
    const bundle = /src="(\/assets\/webchat\.[0-9a-f]+\.js)"/.exec(html)?.[1];
    const fetchBundle = async () => {
      const asset = await fetch(`${server.url}${bundle}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-encoding')).toBe('br');
      return (await asset.arrayBuffer()).byteLength;
    };
    // The first request has Web Chat compressed quickly, and at best quality in the background (a few
    // seconds); wait for that, so the page weight measured next is what every later visitor gets.
    const quick = await fetchBundle();
    await waitUntil(async () => (await fetchBundle()) < quick, 'best-quality compression', 10_000).catch(() => undefined);
  });

  it('welcomes the parent, and is light and quick enough for a phone', async () => {
    const sizes: Promise<{ decoded: number; transferred: number }>[] = [];
    page.on('response', (response) => {
      if (['document', 'script', 'stylesheet'].includes(response.request().resourceType())) {
        sizes.push(
          (async () => ({ decoded: (await response.body()).length, transferred: (await response.request().sizes()).responseBodySize }))(),
        );
      }
    });
    await page.goto(`${server.url}/`);
    await expect(page.title()).resolves.toBe('Chat with Family Rights Group');
    await page.getByText(/computer, not a person/).first().waitFor();
    await suggested(page, 'Talk to a person').waitFor();

    const firstBotMessageAt = await page.evaluate(() => (window as unknown as { firstBotMessageAt: number }).firstBotMessageAt);
    const weight = (await Promise.all(sizes)).reduce((sum, s) => ({ decoded: sum.decoded + s.decoded, transferred: sum.transferred + s.transferred }), { decoded: 0, transferred: 0 });
    console.log(
      `webchat page weight (HTML + JS + CSS): ${weight.decoded} bytes (${(weight.decoded / 1024).toFixed(0)} KiB), ` +
        `${weight.transferred} bytes compressed over the wire; first bot message ${Math.round(firstBotMessageAt)} ms after opening the page (loopback)`,
    );
    expect(weight.transferred).toBeLessThan(600 * 1024);
    expect(firstBotMessageAt).toBeLessThan(10_000);
  });

  it('answers a typed question, in large text', async () => {
    const answer = await send(page, 'what is early help');
    expect(answer[0].text).toMatch(/Early help/i);
    const fontSize = await page.locator('.webchat__bubble__content').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(20);
  });

  it('follows a suggested-action button', async () => {
    await suggested(page, 'Tell me more').click();
    const answer = await botAnswerAfter(page, 'Tell me more');
    expect(answer.length).toBeGreaterThan(0);
    expect(await sendFailed(page)).toBe(0);
  });

  it('puts 999 first when the parent says someone is being hurt', async () => {
    const answer = await send(page, 'he is strangling me');
    expect(answer[0].text).toMatch(/999/);
    expect(await sendFailed(page)).toBe(0);
  });

  it('announces the bot\'s messages to screen readers through Web Chat\'s live region', async () => {
    const region = page.locator('.webchat__live-region-transcript');
    await expect(region.getAttribute('aria-live')).resolves.toBe('polite');
    await expect(region.getAttribute('role')).resolves.toBe('log');
    await page.locator('[data-id="webchat-sendbox-input"]').fill('what is a child protection conference');
    await page.locator('[data-id="webchat-sendbox-input"]').press('Enter');
    await region.getByText(/The chat helper said:/).first().waitFor({ state: 'attached' });
  });

  it('had no Content Security Policy violations', async () => {
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  it('works with the keyboard alone, with focus always visible', async () => {
    const keys = await context.newPage();
    await keys.goto(`${server.url}/`);
    await suggested(keys, 'Talk to a person').waitFor();
    const focused = () => keys.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const style = getComputedStyle(e);
      return { id: e.id, tag: e.tagName, text: e.innerText ?? '', ring: style.outlineStyle !== 'none' || style.boxShadow !== 'none' };
    });

    await keys.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ id: 'skip-link', ring: true });
    await keys.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ id: 'leave', ring: true });
    await keys.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ id: 'contrast', ring: true });

    await keys.keyboard.press('Shift+Tab');
    await keys.keyboard.press('Shift+Tab');
    await keys.keyboard.press('Enter'); // the skip link: straight to the message box
    expect((await focused()).tag).toBe('TEXTAREA');
    await keys.keyboard.type('what is early help');
    await keys.keyboard.press('Enter');
    await botAnswerAfter(keys, 'what is early help');

    // Back from the message box to the answer's buttons (a toolbar: arrow keys move along it), and choose one.
    await keys.keyboard.press('Shift+Tab');
    const first = await focused();
    expect(first).toMatchObject({ tag: 'BUTTON', ring: true });
    await keys.keyboard.press('ArrowRight');
    const second = await focused();
    expect(second).toMatchObject({ tag: 'BUTTON', ring: true });
    expect(second.text).not.toBe(first.text);
    await keys.keyboard.press('Enter');
    await botAnswerAfter(keys, second.text.trim());
    await keys.close();
  });

  it('switches to high contrast, and remembers it', async () => {
    const contrast = await context.newPage();
    await contrast.goto(`${server.url}/`);
    await contrast.getByText(/computer, not a person/).first().waitFor();
    const toggle = contrast.getByRole('button', { name: 'High contrast colours' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    const colours = () =>
      contrast.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        bubble: getComputedStyle(document.querySelector('.webchat__bubble__content') as Element).backgroundColor,
      }));
    expect(await colours()).toEqual({ page: 'rgb(0, 0, 0)', bubble: 'rgb(0, 0, 0)' });

    await contrast.reload();
    await contrast.getByText(/computer, not a person/).first().waitFor();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await colours()).toEqual({ page: 'rgb(0, 0, 0)', bubble: 'rgb(0, 0, 0)' });
    await toggle.click();
    expect((await colours()).page).toBe('rgb(255, 255, 255)');
    await contrast.close();
  });

  it('leaves quickly: the button replaces the page, and Back does not return to the chat', async () => {
    const visit = await context.newPage();
    await visit.goto('about:blank');
    await visit.goto(`${server.url}/`);
    await visit.getByText(/computer, not a person/).first().waitFor();
    await visit.getByRole('link', { name: 'Leave this site quickly' }).click();
    await visit.waitForURL(`${NEUTRAL_PAGE}**`);
    expect(await visit.evaluate(() => history.length)).toBe(2);
    await visit.goBack();
    expect(visit.url()).not.toContain(server.url);
    await visit.close();
  });

  it('leaves quickly when Esc is pressed twice, even while typing', async () => {
    const visit = await context.newPage();
    await visit.goto(`${server.url}/`);
    await visit.getByText(/computer, not a person/).first().waitFor();
    await visit.locator('[data-id="webchat-sendbox-input"]').fill('my name is');
    await visit.keyboard.press('Escape');
    await visit.keyboard.press('Escape');
    await visit.waitForURL(`${NEUTRAL_PAGE}**`);
    await visit.close();
  });

  it('has no WCAG 2.2 AA problems that axe-core finds, on a laptop and on a phone, in both colour schemes', async () => {
    // axe is added as a script, which the page's own CSP forbids; this context lets test scripts in.
    const axeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', bypassCSP: true });
    await axeContext.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort());
    const checked = await axeContext.newPage();
    await checked.goto(`${server.url}/`);
    await suggested(checked, 'Talk to a person').waitFor();
    await send(checked, 'what is a section 20 agreement');

    const found: Record<string, unknown> = {};
    found['1280x800'] = await axeViolations(checked);
    await checked.setViewportSize({ width: 390, height: 844 });
    await checked.waitForTimeout(200);
    found['390x844'] = await axeViolations(checked);
    await checked.getByRole('button', { name: 'High contrast colours' }).click();
    await checked.waitForTimeout(200);
    found['390x844 high contrast'] = await axeViolations(checked);
    expect(found).toEqual({ '1280x800': [], '390x844': [], '390x844 high contrast': [] });
    await axeContext.close();
  });
});
