/**
 * When the chat's connection never comes (a proxy that drops WebSockets, a blocked address), the
 * page must not say "The chat is starting" for ever: after 10 s it says the chat did not start and
 * gives the phone number, with a way to try again. Real Chromium, at 127.0.0.1.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './helpers/browser';
import { startTestServer } from './helpers/testServer';

jest.setTimeout(60_000);

it('says the chat did not start, and gives the phone number, when no connection comes within 10 s', async () => {
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Starting the conversation is held for ever: the connection never comes.
    await page.route('**/v3/directline/conversations', () => undefined);
    const url = server.url.replace('localhost', '127.0.0.1');
    await page.goto(`${url}/`);
    const status = page.locator('#chat-status');
    await page.waitForTimeout(3000);
    expect(await status.innerText()).not.toMatch(/did not start/);
    await page.waitForFunction(() => /did not start/.test(document.getElementById('chat-status')?.textContent ?? ''), undefined, { timeout: 15_000 });
    expect(await status.innerText()).toMatch(/0808 801 0366/);
    expect(await page.locator('#restart').isVisible()).toBe(true);
  } finally {
    await browser.close();
    await server.stop();
  }
});
