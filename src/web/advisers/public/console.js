// The adviser console in the browser. Everything a user wrote is put on the page with
// textContent, never as HTML. Changes arrive by server-sent events; nothing needs reloading.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: '', adviser: '', selected: null, lastLine: 0, events: null };
  const SENDERS = { user: 'Family', bot: 'Chat helper', adviser: 'Adviser' };
  const REASONS = { asked: 'Asked for a person', 'not-understood': 'Bot did not understand 3 times', safety: 'Safety flag', 'urgent-date': 'Urgent date' };

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/advisers/api/session') showSignIn();
    if (!response.ok) throw new Error(data.error || 'Something went wrong.');
    return data;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showSignIn() {
    if (state.events) state.events.close();
    $('console').hidden = true;
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('username').focus();
  }

  function showConsole() {
    $('sign-in').hidden = true;
    $('console').hidden = false;
    $('who').hidden = false;
    $('who').textContent = 'Signed in as ' + state.adviser;
    $('sign-out').hidden = false;
    listen();
    refreshAll();
  }

  function listen() {
    if (state.events) state.events.close();
    state.events = new EventSource('/advisers/api/events');
    state.events.addEventListener('queue', () => refreshAll());
    state.events.addEventListener('signed_out', () => showSignIn());
    state.events.addEventListener('line', (event) => {
      const data = JSON.parse(event.data);
      if (state.selected && data.handoffId === state.selected) addLines([data.line]);
    });
  }

  async function refreshAll() {
    await Promise.all([refreshQueue(), refreshMessages(), refreshFeedback()]);
    if (state.selected) await openConversation(state.selected, false);
  }

  function card(view) {
    const item = el('li', undefined, 'card' + (view.summary.urgent ? ' urgent' : ''));
    const button = el('button', view.summary.topic, 'secondary');
    button.type = 'button';
    button.setAttribute('aria-label', 'Open conversation: ' + view.summary.topic);
    button.addEventListener('click', () => openConversation(view.id, true));
    item.appendChild(button);
    const line = el('p');
    if (view.summary.urgent) line.appendChild(el('span', 'Urgent', 'tag urgent'));
    if (view.summary.safetyFlags.length) line.appendChild(el('span', 'Safety flag', 'tag urgent'));
    view.summary.accessibility.forEach((need) => line.appendChild(el('span', need, 'tag')));
    line.appendChild(el('span', view.channel, 'tag'));
    item.appendChild(line);
    const waited = view.status === 'waiting' ? 'Number ' + view.position + ' · waiting ' + view.waitingMinutes + ' min' : 'With ' + view.adviser;
    item.appendChild(el('p', waited));
    return item;
  }

  async function refreshQueue() {
    const data = await api('GET', '/advisers/api/queue');
    clear($('queue'));
    clear($('live'));
    data.waiting.forEach((view) => $('queue').appendChild(card(view)));
    data.live.forEach((view) => $('live').appendChild(card(view)));
    $('queue-empty').hidden = data.waiting.length > 0;
    $('live-empty').hidden = data.live.length > 0;
  }

  function addSummaryRow(term, value) {
    if (value === undefined || value === null || value === '') return;
    $('summary').appendChild(el('dt', term));
    $('summary').appendChild(el('dd', String(value)));
  }

  function showSummary(view) {
    clear($('summary'));
    const s = view.summary;
    addSummaryRow('Topic', s.topic);
    addSummaryRow('Why', REASONS[s.reason] || s.reason);
    addSummaryRow('In their words', s.inTheirWords);
    if (s.journey) addSummaryRow('Guided journey', s.journey.name + '\n' + Object.entries(s.journey.answers).map(([k, v]) => k + ': ' + v).join('\n'));
    addSummaryRow("Children's ages", s.childrenAges);
    s.keyDates.forEach((d) => addSummaryRow('Key date', d.event + ': ' + d.date + ' (' + d.workingDaysAway + ' working days away)'));
    addSummaryRow('Urgent', s.urgent ? 'Yes' : 'No');
    addSummaryRow('Safety flags', s.safetyFlags.join(', ') || 'None');
    addSummaryRow('Accessibility', s.accessibility.join(', ') || 'None asked for');
    addSummaryRow('Channel', view.channel);
    addSummaryRow('Articles read', (s.articleTitles || s.articlesSeen).join('\n'));
    addSummaryRow('Status', view.status === 'waiting' ? 'Waiting (number ' + view.position + ')' : view.status === 'with_adviser' ? 'With ' + view.adviser : view.status);
  }

  function addLines(lines) {
    lines.forEach((line) => {
      if (line.id <= state.lastLine) return;
      state.lastLine = line.id;
      const item = el('li', undefined, line.sender + (line.danger ? ' danger' : ''));
      item.appendChild(el('span', SENDERS[line.sender] || line.sender, 'who'));
      item.appendChild(document.createTextNode(line.text));
      $('transcript').appendChild(item);
    });
    $('transcript').scrollTop = $('transcript').scrollHeight;
  }

  async function openConversation(id, focus) {
    const data = await api('GET', '/advisers/api/handoffs/' + id);
    if (state.selected !== id) {
      clear($('transcript'));
      state.lastLine = 0;
    }
    state.selected = id;
    $('chat').hidden = false;
    $('chat-title').textContent = 'Conversation: ' + data.handoff.summary.topic;
    showSummary(data.handoff);
    addLines(data.transcript);
    const mine = data.handoff.status === 'with_adviser' && data.handoff.adviser === state.adviser;
    $('accept').hidden = data.handoff.status !== 'waiting';
    $('end').hidden = !mine;
    $('reply-form').hidden = !mine;
    if (focus) $('chat-title').focus();
  }

  async function act(fn) {
    $('chat-error').textContent = '';
    try {
      await fn();
    } catch (error) {
      $('chat-error').textContent = error.message;
    }
  }

  async function refreshMessages() {
    const data = await api('GET', '/advisers/api/messages');
    clear($('messages'));
    data.messages.forEach((m) => {
      const item = el('li', undefined, 'card' + (m.summary.urgent ? ' urgent' : ''));
      item.appendChild(el('p', new Date(m.createdAt).toLocaleString('en-GB') + ' · ' + m.channel + ' · ' + m.summary.topic));
      item.appendChild(el('p', m.text));
      if (m.done) item.appendChild(el('p', 'Done by ' + m.doneBy));
      else {
        const button = el('button', 'Mark as done', 'secondary');
        button.type = 'button';
        button.addEventListener('click', () => act(async () => {
          await api('POST', '/advisers/api/messages/' + m.id + '/done');
          await refreshMessages();
        }));
        item.appendChild(button);
      }
      $('messages').appendChild(item);
    });
    $('messages-empty').hidden = data.messages.length > 0;
  }

  async function refreshFeedback() {
    const data = await api('GET', '/advisers/api/feedback');
    const body = $('feedback').querySelector('tbody');
    clear(body);
    data.unhelpful.forEach((f) => {
      const row = el('tr');
      [f.title, f.unhelpful, f.helpful, new Date(f.lastAt).toLocaleDateString('en-GB')].forEach((v) => row.appendChild(el('td', String(v))));
      body.appendChild(row);
    });
    $('feedback').hidden = data.unhelpful.length === 0;
    $('feedback-empty').hidden = data.unhelpful.length > 0;
  }

  $('chat-title').tabIndex = -1;

  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    try {
      const data = await api('POST', '/advisers/api/session', { username: $('username').value.trim(), password: $('password').value });
      state.csrf = data.csrfToken;
      state.adviser = data.adviser;
      $('password').value = '';
      showConsole();
    } catch (error) {
      $('sign-in-error').textContent = error.message;
    }
  });

  $('sign-out').addEventListener('click', () => act(async () => {
    await api('DELETE', '/advisers/api/session');
    showSignIn();
  }));

  $('accept').addEventListener('click', () => act(async () => {
    await api('POST', '/advisers/api/handoffs/' + state.selected + '/accept');
    await openConversation(state.selected, false);
    $('reply').focus();
  }));

  $('end').addEventListener('click', () => act(async () => {
    if (!window.confirm('Are you sure you want to end this chat? The family will be told it has ended.')) return;
    await api('POST', '/advisers/api/handoffs/' + state.selected + '/end');
    await openConversation(state.selected, false);
  }));

  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('reply').value.trim();
    if (!text) return;
    act(async () => {
      await api('POST', '/advisers/api/handoffs/' + state.selected + '/messages', { text });
      $('reply').value = '';
      $('reply').focus();
    });
  });

  api('GET', '/advisers/api/session')
    .then((data) => {
      state.csrf = data.csrfToken;
      state.adviser = data.adviser;
      showConsole();
    })
    .catch(showSignIn);
})();
