/**
 * The safety question in the real Web Chat on a phone (390 × 844, Chromium): a parent whose message
 * the safety check is unsure of sees "Is anyone in danger right now?" with Yes and No buttons in view;
 * No gives the answer the message would have had, Yes gives 999 first. The assessor is the rules plus
 * "unsure" about the one message the test names, so the conversation does not depend on the model's
 * weights (test/safety.model.eval.test.ts measures the model itself).
 */
import { Browser, chromium, Page } from 'playwright-core';
import { RuleSafetyAssessor, SafetyAssessment, SafetyAssessor } from '../src/language/safetyAssessment';
import { CHROMIUM_ARGS } from './helpers/browser';
import { knowledgeServices } from './helpers/testServices';
import { botAnswerAfter, recordInPage, send, suggested } from './helpers/webchatPage';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

const UNSURE = 'my ex is outside again';

class UnsureAboutOne implements SafetyAssessor {
  private readonly rules = new RuleSafetyAssessor(knowledgeServices().safety);

  async assess(text: string): Promise<SafetyAssessment> {
    return text === UNSURE ? { tier: 'check', score: 0.5, kinds: [] } : this.rules.assess(text);
  }
}

describe('the safety question on a phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({}, undefined, undefined, { safetyAssessor: new UnsureAboutOne() });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openChat(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    await context.addInitScript(recordInPage);
    const page = await context.newPage();
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/`);
    await suggested(page, 'Talk to a person').waitFor({ timeout: 20_000 });
    return page;
  }

  it('asks with Yes and No in view, and No carries on with the message', async () => {
    const page = await openChat();
    const asked = await send(page, UNSURE);
    expect(asked.at(-1)?.text).toMatch(/Is anyone in danger right now\?/);
    for (const name of ['Yes', 'No']) await expect(suggested(page, name).isVisible()).resolves.toBe(true);
    const no = suggested(page, 'No');
    const box = await no.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await no.tap();
    const after = await botAnswerAfter(page, 'No');
    const said = after.map((e) => e.text).join('\n');
    expect(said).not.toMatch(/999/);
    expect(said).not.toMatch(/Is anyone in danger right now\?/);
    expect(after.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('gives 999 first on Yes', async () => {
    const page = await openChat();
    await send(page, UNSURE);
    await suggested(page, 'Yes').tap();
    const after = await botAnswerAfter(page, 'Yes');
    expect(after[0].text).toMatch(/999/);
    await page.context().close();
  });
});
