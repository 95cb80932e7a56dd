/**
 * A parent in the real Web Chat asks for a person; an adviser, through the console's API, takes
 * the chat; the adviser's words appear in the parent's Web Chat, and the parent's reach the adviser.
 */
import { addAdviser, signIn } from './helpers/adviserClient';
import { BrowserSession, openBrowser } from './helpers/browser';
import { botAnswerAfter, send, suggested, transcript, waitUntil } from './helpers/webchatPage';
import { startTestServer, TestServer } from './helpers/testServer';

jest.setTimeout(90_000);

describe('an adviser chatting with a parent in Web Chat', () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer({}, () => new Date('2026-11-23T14:00:00Z'));
    await addAdviser(server, 'alex');
    browser = await openBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the adviser's messages in the parent's chat, and relays the parent's back", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await suggested(page, 'Talk to a person').waitFor();
    await suggested(page, 'Talk to a person').click();
    await botAnswerAfter(page, 'Talk to a person');
    await suggested(page, 'Yes, pass it on').click();
    await botAnswerAfter(page, 'Yes, pass it on');
    const queued = await send(page, 'My baby is due next month and they want an assessment');
    expect(queued.map((e) => e.text).join('\n')).toMatch(/You are number 1 in the queue/);

    const adviser = await signIn(server, 'alex');
    const [waiting] = (await adviser.call('GET', '/advisers/api/queue')).body.waiting;
    expect(waiting.summary.inTheirWords).toBe('My baby is due next month and they want an assessment');
    await adviser.call('POST', `/advisers/api/handoffs/${waiting.id}/accept`);
    await page.getByText(/Alex, an adviser, has joined the chat/).first().waitFor();

    await adviser.call('POST', `/advisers/api/handoffs/${waiting.id}/messages`, { text: 'Hello, I am Alex. When is the assessment?' });
    await page.getByText('Hello, I am Alex. When is the assessment?').first().waitFor();
    // Who wrote it, on screen and for screen readers: the adviser by name, not the chat helper.
    const adviserBubble = page.locator('.webchat__bubble__content', { hasText: 'When is the assessment?' });
    await expect(adviserBubble.locator('.from-adviser .adviser-name').innerText()).resolves.toMatch(/Alex, an adviser/);
    await expect(adviserBubble.locator('.speaker').textContent()).resolves.toBe('Alex, an adviser, said:');
    const region = page.locator('.webchat__live-region-transcript');
    await region.getByText("Alex, an adviser, said: Hello, I am Alex. When is the assessment?").first().waitFor({ state: 'attached' });
    await expect(region.getByText(/The chat helper said: ?Hello, I am Alex/).count()).resolves.toBe(0);
    const helperBubble = page.locator('.webchat__bubble__content', { hasText: 'has joined the chat' }).first();
    await expect(helperBubble.locator('.speaker').textContent()).resolves.toBe('The chat helper said:');
    await expect(helperBubble.locator('.from-adviser').count()).resolves.toBe(0);

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('It starts on Monday');
    await input.press('Enter');
    await waitUntil(async () => {
      const lines = (await adviser.call('GET', `/advisers/api/handoffs/${waiting.id}`)).body.transcript as { sender: string; text: string }[];
      return lines.some((l) => l.sender === 'user' && l.text === 'It starts on Monday');
    }, 'the parent\'s message to reach the adviser');
    const after = (await transcript(page)).filter((e) => !e.user).map((e) => e.text);
    expect(after[after.length - 1]).toMatch(/When is the assessment\?/);

    await adviser.call('POST', `/advisers/api/handoffs/${waiting.id}/end`);
    await page.getByText(/How was your chat with the adviser\?/).first().waitFor();
  });
});
