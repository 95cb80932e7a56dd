/** Reading and driving the real Web Chat on the webchat page, for browser tests. */
import { Page } from 'playwright-core';

/** Watches the page from its first moment: CSP violations, and when the first bot message appears. */
export function recordInPage(): void {
  const w = window as unknown as { cspViolations: string[]; firstBotMessageAt?: number };
  w.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  new MutationObserver((_changes, observer) => {
    if (document.querySelector('.webchat__bubble:not(.webchat__bubble--from-user)')) {
      w.firstBotMessageAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

export interface Entry {
  user: boolean;
  text: string;
}

/** The transcript, in order: who said it and what (a message's words, without its screen-reader "… said:" line). */
export const transcript = (page: Page): Promise<Entry[]> =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.webchat__basic-transcript__activity')).map((activity) => {
      const content = activity.querySelector('.webchat__bubble__content') as HTMLElement | null;
      const text = content?.innerText ?? '';
      const label = (content?.querySelector('.speaker') as HTMLElement | null)?.innerText ?? '';
      return { user: !!activity.querySelector('.webchat__bubble--from-user'), text: label && text.startsWith(label) ? text.slice(label.length).trimStart() : text };
    }),
  );

export async function waitUntil(test: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > until) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the bot has said something after the user's message `said`, and has stopped for a moment. */
export async function botAnswerAfter(page: Page, said: string): Promise<Entry[]> {
  const after = async () => {
    const entries = await transcript(page);
    const index = entries.map((e) => e.user && e.text.trim() === said).lastIndexOf(true);
    return index < 0 ? [] : entries.slice(index + 1).filter((e) => !e.user);
  };
  await waitUntil(async () => (await after()).length > 0, `an answer to "${said}"`);
  let count = 0;
  for (let stable = 0; stable < 3; ) {
    await page.waitForTimeout(150);
    const now = (await after()).length;
    stable = now === count ? stable + 1 : 0;
    count = now;
  }
  return after();
}

export async function send(page: Page, text: string): Promise<Entry[]> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
  return botAnswerAfter(page, text);
}

/** A suggested-action button under the latest message (Web Chat's toolbar, not its live-region copy). */
export const suggested = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });

export const sendFailed = (page: Page) => page.getByText(/Send failed/).count();
