/**
 * The webchat page's HTML, rendered on the server from the page's words (every piece of text
 * escaped) and the service's details. No inline script: the page's own script and Web Chat are
 * files; the words the script needs travel in a JSON data block, which browsers never run.
 */
import { PlaceholderValues } from '../../content/placeholders';
import { fillPageText, PageText } from './pageText';

export interface PageInputs {
  text: PageText;
  values: PlaceholderValues;
  adviceFormUrl: string;
  assets: { webchat: string; script: string; style: string };
  /** The nonce that lets Web Chat's <style> elements through the CSP (read by our script). */
  styleNonce: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** JSON safe inside a <script type="application/json"> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export function renderPage({ text, values, adviceFormUrl, assets, styleNonce }: PageInputs): string {
  // Placeholders in the escaped template become escaped values; the phone number becomes a link.
  const htmlValues: PlaceholderValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)]));
  const phone = values.adviceLinePhone ?? '';
  const htmlWithLinks: PlaceholderValues = {
    ...htmlValues,
    adviceLinePhone: `<a href="${escapeHtml(telHref(phone))}">${escapeHtml(phone)}</a>`,
  };
  const h = (template: string) => fillPageText(escapeHtml(template), htmlValues);
  const hLinked = (template: string) => fillPageText(escapeHtml(template), htmlWithLinks);
  const plain = fillPageText(text, values);

  const scriptData = {
    leaveUrl: text.leave.url,
    text: plain.chat,
    speech: plain.speech,
  };

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${h(text.title)}</title>
<link rel="stylesheet" href="${escapeHtml(assets.style)}">
<script src="${escapeHtml(assets.script)}" nonce="${escapeHtml(styleNonce)}" defer></script>
<script src="${escapeHtml(assets.webchat)}" defer></script>
</head>
<body>
<a class="skip-link" id="skip-link" href="#chat">${h(text.skipLink)}</a>
<div class="leave-bar">
  <a class="leave-bar__button" id="leave" href="${escapeHtml(text.leave.url)}" rel="noreferrer">${h(text.leave.label)}</a>
</div>
<header class="top">
  <div>
    <p class="top__service">${h('{{serviceName}}')}</p>
    <p class="top__hint">${h(text.leave.hint)}</p>
  </div>
  <button type="button" class="toggle" id="contrast" aria-pressed="false">${h(text.contrast.label)}</button>
</header>
<main id="main" class="page">
  <details class="about" id="about" open>
    <summary><h1>${h(text.heading)}</h1></summary>
    ${text.intro.map((p) => `<p>${h(p)}</p>`).join('\n    ')}
  </details>
  <p class="emergency">${h(text.emergency)}</p>
  <section class="chat" id="chat" tabindex="-1" aria-labelledby="chat-heading">
    <h2 id="chat-heading" class="chat__heading">${h(text.chat.heading)}</h2>
    <p class="chat__status" id="chat-status" role="status">${h(text.chat.starting)}</p>
    <p class="chat__restart"><button type="button" class="button" id="restart" hidden>${h(text.chat.restart)}</button></p>
    <div class="chat__webchat" id="webchat"></div>
    <div class="speech" id="read-aloud" hidden>
      <button type="button" class="toggle" id="read-new" aria-pressed="false">${h(text.speech.readNew)}</button>
      <button type="button" class="toggle" id="read-slower" aria-pressed="false">${h(text.speech.slower)}</button>
    </div>
    <div class="speech speech--dictation" id="dictation" hidden>
      <button type="button" class="button" id="dictate">${h(text.speech.speakButton)}</button>
      <p class="speech__note">${h(text.speech.speakNote)}</p>
      <p class="speech__status" id="dictation-status" role="status"></p>
    </div>
  </section>
  <section aria-labelledby="hours-heading">
    <h2 id="hours-heading">${h(text.hours.heading)}</h2>
    <ul class="hours">
      <li>${hLinked(text.hours.webchat)}</li>
      <li>${hLinked(text.hours.adviceLine)}</li>
      <li>${hLinked(text.hours.closed)}</li>
      <li><a href="${escapeHtml(adviceFormUrl)}" rel="noreferrer">${h(text.hours.form)}</a></li>
    </ul>
  </section>
  <section aria-labelledby="privacy-heading">
    <h2 id="privacy-heading">${h(text.privacy.heading)}</h2>
    ${text.privacy.text.map((p) => `<p>${h(p)}</p>`).join('\n    ')}
  </section>
  <p class="credit"><a href="${escapeHtml(text.pictures.creditUrl)}" rel="noreferrer">${h(text.pictures.credit)}</a>
    <a href="${escapeHtml(text.pictures.licenceUrl)}" rel="noreferrer">${h(text.pictures.licence)}</a></p>
</main>
<script type="application/json" id="page-data">${jsonForScript(scriptData)}</script>
</body>
</html>
`;
}
