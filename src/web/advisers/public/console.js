// The adviser console in the browser. Everything a user wrote is put on the page with
// textContent, never as HTML. Changes arrive by server-sent events; nothing needs reloading.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: '', adviser: '', selected: null, lastLine: 0, events: null, waitingIds: null, mine: new Set(), unread: {}, alertsOn: false, drafts: {}, order: [], firstWaiting: null, typedAt: 0, typingTimer: null };
  const alerts = window.ConsoleAlerts;
  const STATUS = { available: 'Available', busy: 'Busy', away: 'Away' };
  // Ten minutes with no key press, click or scroll: the adviser has most likely stepped away.
  const QUIET_MINUTES = 10;
  let lastInput = Date.now();
  // The family's channel sends typing every few seconds while they type; quiet this long means they stopped.
  const TYPING_SHOWN_MS = 6000;
  const TYPING_SENT_GAP_MS = 4000;
  const SENDERS = { user: 'Family', bot: 'Chat helper', adviser: 'Adviser' };
  const RATINGS = { good: 'Good', ok: 'OK', poor: 'Not good' };
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
    removeChoosePassword();
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('lead-nav').hidden = true;
    $('availability-box').hidden = true;
    $('sign-in').hidden = false;
    $('username').focus();
  }

  /** Signed in with a password a lead gave: the owner chooses their own before anything else. */
  function showChoosePassword() {
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    if (!$('choose-password')) {
      $('sign-in').after($('choose-password-template').content.cloneNode(true));
      $('choose-password-form').addEventListener('submit', choosePassword);
    }
    $('new-password').focus();
  }

  async function choosePassword(event) {
    event.preventDefault();
    $('choose-password-error').textContent = '';
    if ($('new-password').value !== $('new-password-again').value) {
      $('choose-password-error').textContent = 'The two passwords are not the same. Please type them again.';
      return;
    }
    try {
      await api('POST', '/advisers/api/session/password', { password: $('new-password').value });
      showConsole();
    } catch (error) {
      $('choose-password-error').textContent = error.message;
    }
  }

  function removeChoosePassword() {
    if ($('choose-password')) $('choose-password').remove();
  }

  function signedIn(data) {
    state.csrf = data.csrfToken;
    state.adviser = data.adviser;
    state.role = data.role;
    if (data.passwordChangeDue) showChoosePassword();
    else showConsole();
  }

  function showConsole() {
    $('sign-in').hidden = true;
    removeChoosePassword();
    $('console').hidden = false;
    $('who').hidden = false;
    $('who').textContent = 'Signed in as ' + state.adviser + (state.role === 'lead' ? ' (lead)' : '');
    $('lead-nav').hidden = state.role !== 'lead';
    $('sign-out').hidden = false;
    $('availability-box').hidden = false;
    if (!state.alertsOn) alerts.start((id) => openConversation(id, true));
    state.alertsOn = true;
    listen();
    refreshAll();
  }

  const totalUnread = () => Object.values(state.unread).reduce((a, b) => a + b, 0);

  function listen() {
    if (state.events) state.events.close();
    state.events = new EventSource('/advisers/api/events');
    state.events.addEventListener('queue', () => refreshAll());
    state.events.addEventListener('signed_out', () => showSignIn());
    state.events.addEventListener('line', (event) => {
      const data = JSON.parse(event.data);
      const watching = data.handoffId === state.selected && !document.hidden;
      if (state.selected && data.handoffId === state.selected) addLines([data.line]);
      if (data.line.sender !== 'user' || !state.mine.has(data.handoffId) || watching) return;
      state.unread[data.handoffId] = (state.unread[data.handoffId] || 0) + 1;
      alerts.setCounts(state.waitingIds ? state.waitingIds.size : 0, totalUnread());
      // A danger line has its own alert already; a second, softer one would only blur it.
      if (!data.line.danger) alerts.newMessage(data.handoffId);
      refreshQueue();
    });
    state.events.addEventListener('typing', (event) => {
      if (JSON.parse(event.data).handoffId !== state.selected) return;
      $('family-typing').textContent = 'The family is typing…';
      clearTimeout(state.typingTimer);
      state.typingTimer = setTimeout(() => ($('family-typing').textContent = ''), TYPING_SHOWN_MS);
    });
    // Danger: the banner at once, and the open summary's safety flags now rather than at the next refresh.
    state.events.addEventListener('alert', (event) => {
      const data = JSON.parse(event.data);
      alerts.danger(data.handoffId, data.kinds, data.topic);
      if (data.handoffId === state.selected) openConversation(state.selected, false);
    });
  }

  async function refreshAll() {
    await Promise.all([refreshQueue(), refreshMessages(), refreshFeedback()]);
    if (state.selected) await openConversation(state.selected, false);
  }

  function minutesSince(iso, now) {
    const minutes = Math.floor((Date.parse(now) - Date.parse(iso)) / 60000);
    return minutes < 1 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : minutes + ' minutes ago';
  }

  function card(view, now) {
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
    if (view.lastFamilyMessageAt) item.appendChild(el('p', 'Family last wrote ' + minutesSince(view.lastFamilyMessageAt, now)));
    const unread = state.unread[view.id];
    if (unread) item.appendChild(el('p', unread === 1 ? '1 new message' : unread + ' new messages', 'unread'));
    return item;
  }

  async function refreshQueue() {
    const data = await api('GET', '/advisers/api/queue');
    // A family new to the queue since the last look is news; the queue as first seen is not.
    const known = state.waitingIds;
    data.waiting.filter((view) => known && !known.has(view.id)).forEach((view) => alerts.familyWaiting(view.position));
    state.waitingIds = new Set(data.waiting.map((view) => view.id));
    state.mine = new Set(data.live.filter((view) => view.adviser === state.adviser).map((view) => view.id));
    Object.keys(state.unread).forEach((id) => {
      if (!state.mine.has(Number(id))) delete state.unread[id];
    });
    alerts.setCounts(data.waiting.length, totalUnread());
    showTeam(data.advisers);
    clear($('queue'));
    clear($('live'));
    data.waiting.forEach((view) => $('queue').appendChild(card(view, data.now)));
    data.live.forEach((view) => $('live').appendChild(card(view, data.now)));
    state.order = data.live.filter((view) => view.adviser === state.adviser).map((view) => view.id);
    state.firstWaiting = data.waiting.length ? data.waiting[0].id : null;
    $('queue-empty').hidden = data.waiting.length > 0;
    $('live-empty').hidden = data.live.length > 0;
  }

  function showTeam(advisers) {
    const chosen = $('transfer-to').value;
    clear($('transfer-to'));
    const queueOption = el('option', 'Back to the queue');
    queueOption.value = 'queue';
    $('transfer-to').appendChild(queueOption);
    advisers.filter((a) => a.adviser !== state.adviser && a.status !== 'away').forEach((a) => {
      const option = el('option', a.adviser + ' (' + STATUS[a.status] + ')');
      option.value = a.adviser;
      $('transfer-to').appendChild(option);
    });
    if ([...$('transfer-to').options].some((o) => o.value === chosen)) $('transfer-to').value = chosen;
    clear($('team'));
    advisers.forEach((a) => {
      const chats = a.liveChats === 1 ? '1 live chat' : a.liveChats + ' live chats';
      $('team').appendChild(el('li', a.adviser + (a.adviser === state.adviser ? ' (you)' : '') + ': ' + STATUS[a.status] + ', ' + chats));
      if (a.adviser === state.adviser) $('availability').value = a.status;
    });
  }

  async function setAvailability(status, note) {
    await api('POST', '/advisers/api/availability', { status });
    $('availability').value = status;
    $('away-note').textContent = note || '';
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
      const item = el('li', undefined, line.sender + (line.danger ? ' danger' : line.unsure ? ' unsure' : ''));
      item.appendChild(el('span', SENDERS[line.sender] || line.sender, 'who'));
      item.appendChild(document.createTextNode(line.text));
      // In a live chat the bot asks nothing: the adviser is told where the safety check had doubts.
      if (line.unsure && !line.danger) item.appendChild(el('span', 'The safety check was not sure about this. You may want to ask if anyone is in danger now.', 'flag'));
      $('transcript').appendChild(item);
    });
    $('transcript').scrollTop = $('transcript').scrollHeight;
  }

  function showNotes(notes) {
    clear($('notes'));
    notes.forEach((n) => {
      const item = el('li');
      item.appendChild(el('span', n.adviser + ', ' + new Date(n.at).toLocaleString('en-GB') + ':', 'who'));
      item.appendChild(document.createTextNode(n.text));
      $('notes').appendChild(item);
    });
    $('notes-empty').hidden = notes.length > 0;
  }

  async function openConversation(id, focus) {
    // The switch happens before the fetch, so a refresh still on its way cannot mix two chats' drafts or lines.
    if (state.selected !== id) {
      if (state.selected) state.drafts[state.selected] = $('reply').value;
      $('reply').value = state.drafts[id] || '';
      $('family-typing').textContent = '';
      clear($('transcript'));
      state.lastLine = 0;
      state.selected = id;
    }
    const data = await api('GET', '/advisers/api/handoffs/' + id);
    if (state.selected !== id) return;
    if (state.unread[id] && !document.hidden) {
      delete state.unread[id];
      alerts.setCounts(state.waitingIds ? state.waitingIds.size : 0, totalUnread());
    }
    $('chat').hidden = false;
    $('chat-title').textContent = 'Conversation: ' + data.handoff.summary.topic;
    showSummary(data.handoff);
    addLines(data.transcript);
    showNotes(data.notes);
    const mine = data.handoff.status === 'with_adviser' && data.handoff.adviser === state.adviser;
    $('accept').hidden = data.handoff.status !== 'waiting';
    $('end').hidden = !mine;
    $('reply-form').hidden = !mine;
    $('transfer-form').hidden = !mine;
    $('replies-box').hidden = !mine;
    const hadIt = data.handoff.status === 'ended' && data.handoff.adviser === state.adviser;
    $('outcome-form').hidden = !hadIt || data.outcome !== null;
    $('outcome-done').hidden = data.outcome === null;
    $('outcome-done').textContent = data.outcome ? 'Outcome: ' + $('outcome').querySelector('option[value="' + data.outcome + '"]').textContent : '';
    $('rating-done').hidden = !data.rating;
    $('rating-done').textContent = data.rating ? 'The family rated this chat: ' + RATINGS[data.rating] : '';
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

  // The answer goes to the family's own chat; the message is then marked done.
  function replyToMessage(m) {
    const form = el('form');
    const box = el('textarea');
    box.id = 'answer-' + m.id;
    box.rows = 2;
    box.maxLength = 4000;
    const label = el('label', 'Answer this message');
    label.htmlFor = box.id;
    const send = el('button', 'Send the answer');
    send.type = 'submit';
    const problem = el('p', '', 'error');
    problem.setAttribute('role', 'alert');
    form.append(label, box, send, problem);
    // Its own error line: the chat's is hidden when no chat is open.
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = box.value.trim();
      if (!text) return;
      problem.textContent = '';
      try {
        await api('POST', '/advisers/api/messages/' + m.id + '/reply', { text });
        await refreshMessages();
      } catch (error) {
        problem.textContent = error.message;
      }
    });
    return form;
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
        if (m.canReply) item.appendChild(replyToMessage(m));
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

  // Alt with a number, W or R: keys no browser or screen reader here needs for itself.
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || $('console').hidden) return;
    const number = /^Digit([1-9])$/.exec(event.code);
    let target;
    if (number) target = state.order[Number(number[1]) - 1];
    else if (event.code === 'KeyW') target = state.firstWaiting;
    else if (event.code === 'KeyR' && !$('reply-form').hidden) {
      event.preventDefault();
      $('reply').focus();
      return;
    } else return;
    event.preventDefault();
    if (target) act(() => openConversation(target, true));
  });

  // Typing tells the family someone is writing, at most once every few seconds.
  $('reply').addEventListener('input', () => {
    if (!state.selected || Date.now() - state.typedAt < TYPING_SENT_GAP_MS) return;
    state.typedAt = Date.now();
    // A lost typing signal harms nobody, so a failure here is not shown.
    api('POST', '/advisers/api/handoffs/' + state.selected + '/typing').catch(() => {});
  });

  $('availability').addEventListener('change', () => act(() => setAvailability($('availability').value)));
  ['keydown', 'pointerdown', 'wheel'].forEach((type) => document.addEventListener(type, () => (lastInput = Date.now()), { passive: true }));
  setInterval(() => {
    if ($('console').hidden || $('availability').value !== 'available' || Date.now() - lastInput < QUIET_MINUTES * 60000) return;
    act(() => setAvailability('away', 'You were set to Away after ' + QUIET_MINUTES + ' minutes with no activity. Choose Available when you are back.'));
  }, 30000);

  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    try {
      const data = await api('POST', '/advisers/api/session', { username: $('username').value.trim(), password: $('password').value });
      $('password').value = '';
      signedIn(data);
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
    // The lists at once, not at the next pushed refresh, so Alt+number finds this chat straight away.
    await Promise.all([refreshQueue(), openConversation(state.selected, false)]);
    $('reply').focus();
  }));

  $('end').addEventListener('click', () => act(async () => {
    if (!window.confirm('Are you sure you want to end this chat? The family will be told it has ended.')) return;
    await api('POST', '/advisers/api/handoffs/' + state.selected + '/end');
    await openConversation(state.selected, false);
  }));

  const KIND = { articles: 'Article summary', letters: 'Letter', saved: 'Saved reply' };

  // The words go into the reply box to be read and changed first: nothing is sent from here.
  function replyCard(kind, reply) {
    const item = el('li', undefined, 'card');
    item.appendChild(el('p', KIND[kind] + ': ' + reply.title));
    const button = el('button', 'Put in the reply box', 'secondary');
    button.type = 'button';
    button.setAttribute('aria-label', 'Put in the reply box: ' + reply.title);
    button.addEventListener('click', () => {
      const current = $('reply').value.trim();
      $('reply').value = current ? current + '\n\n' + reply.text : reply.text;
      $('reply').focus();
    });
    item.appendChild(button);
    return item;
  }

  $('replies-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      const data = await api('GET', '/advisers/api/replies?q=' + encodeURIComponent($('replies-q').value.trim()));
      clear($('replies'));
      let found = 0;
      Object.keys(KIND).forEach((kind) => data[kind].forEach((reply) => {
        found++;
        $('replies').appendChild(replyCard(kind, reply));
      }));
      $('replies-status').textContent = found === 1 ? '1 found.' : found + ' found.';
    });
  });

  $('outcome-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      await api('POST', '/advisers/api/handoffs/' + state.selected + '/outcome', { outcome: $('outcome').value, note: $('outcome-note').value.trim() || undefined });
      $('outcome-note').value = '';
      await openConversation(state.selected, false);
    });
  });

  $('transfer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      await api('POST', '/advisers/api/handoffs/' + state.selected + '/transfer', { to: $('transfer-to').value, note: $('transfer-note').value.trim() || undefined });
      $('transfer-note').value = '';
      await refreshAll();
    });
  });

  $('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('note').value.trim();
    if (!text) return;
    act(async () => {
      await api('POST', '/advisers/api/handoffs/' + state.selected + '/notes', { text });
      $('note').value = '';
      await openConversation(state.selected, false);
    });
  });

  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('reply').value.trim();
    if (!text) return;
    act(async () => {
      await api('POST', '/advisers/api/handoffs/' + state.selected + '/messages', { text });
      $('reply').value = '';
      delete state.drafts[state.selected];
      $('reply').focus();
    });
  });

  api('GET', '/advisers/api/session')
    .then(signedIn)
    .catch(showSignIn);
})();
