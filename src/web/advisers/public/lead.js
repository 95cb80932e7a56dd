// The lead's pages: reports (a chart and a table for each, and its CSV), accounts and the audit log.
// The server decides who may see them; an adviser is shown its refusal. Everything from the server
// goes on the page with textContent, never as HTML.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: '', before: null, charts: [] };
  const PAGES = { '/advisers/reports': 'reports', '/advisers/accounts': 'accounts', '/advisers/audit': 'audit' };
  // Colours told apart by most people with colour-blindness, dark enough on white.
  const COLOURS = ['#0b4f8a', '#c75000', '#2e7d32', '#6a1b9a', '#a4001d', '#4a4a4a'];
  const TOTALS = ['All channels', 'All outcomes'];
  const STACKED = ['contacts', 'ratings'];

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) $('sign-in-link').hidden = false;
    if (!response.ok) throw new Error(data.error || 'Something went wrong.');
    return data;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  async function attempt(fn) {
    $('page-error').textContent = '';
    try {
      await fn();
    } catch (error) {
      $('page-error').textContent = error.message;
    }
  }

  // ----- reports ---------------------------------------------------------------------------------

  async function showReports() {
    const query = new URLSearchParams();
    if ($('from').value) query.set('from', $('from').value);
    if ($('to').value) query.set('to', $('to').value);
    $('reports-status').textContent = 'Counting…';
    const data = await api('GET', '/advisers/api/reports?' + query);
    // Shown before the charts are drawn, so that they take their size from the page.
    $('reports').hidden = false;
    $('from').value = data.from;
    $('to').value = data.to;
    state.charts.forEach((chart) => chart.destroy());
    state.charts = [];
    const list = $('report-list');
    clear(list);
    for (const table of data.tables) list.appendChild(report(table, data.from, data.to));
    $('reports-status').textContent = 'Showing ' + data.from + ' to ' + data.to + '.';
  }

  function report(table, from, to) {
    const section = el('section', undefined, 'report');
    const titleId = 'report-' + table.name;
    const heading = el('h3', table.title);
    heading.id = titleId;
    section.setAttribute('aria-labelledby', titleId);
    section.appendChild(heading);
    const download = el('a', 'Download ' + table.title.toLowerCase() + ' as CSV');
    download.href = '/advisers/api/reports/' + table.name + '.csv?' + new URLSearchParams({ from: from, to: to });
    download.setAttribute('download', '');
    section.appendChild(el('p')).appendChild(download);
    if (!table.rows.length) {
      section.appendChild(el('p', 'Nothing to count in these dates.', 'note'));
      return section;
    }
    const box = el('div', undefined, 'chart');
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Chart of ' + table.title.toLowerCase() + '. The table below it has the same figures.');
    box.appendChild(canvas);
    section.appendChild(box);
    section.appendChild(tableOf(table, titleId));
    if (window.Chart) state.charts.push(chartOf(canvas, table));
    return section;
  }

  function tableOf(table, titleId) {
    const node = el('table');
    node.setAttribute('aria-labelledby', titleId);
    const head = node.appendChild(el('thead')).appendChild(el('tr'));
    for (const column of table.columns) {
      const th = el('th', column);
      th.scope = 'col';
      head.appendChild(th);
    }
    const body = node.appendChild(el('tbody'));
    for (const row of table.rows) {
      const tr = body.appendChild(el('tr'));
      row.forEach((cell, index) => {
        const td = el(index === 0 ? 'th' : 'td', cell === null ? '–' : cell);
        if (index === 0) td.scope = 'row';
        tr.appendChild(td);
      });
    }
    return node;
  }

  function chartOf(canvas, table) {
    const series = table.columns.map((name, index) => ({ name: name, index: index })).slice(1).filter((c) => !TOTALS.includes(c.name));
    const stacked = STACKED.includes(table.name);
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: table.rows.map((row) => String(row[0])),
        datasets: series.map((s, i) => ({ label: s.name, data: table.rows.map((row) => row[s.index]), backgroundColor: COLOURS[i % COLOURS.length] })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: table.name === 'topics' || table.name === 'unhelpful' ? 'y' : 'x',
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } },
      },
    });
  }

  // ----- accounts --------------------------------------------------------------------------------

  async function showAccounts() {
    const data = await api('GET', '/advisers/api/accounts');
    const body = $('account-table').querySelector('tbody');
    clear(body);
    for (const account of data.accounts) {
      const tr = body.appendChild(el('tr'));
      const name = el('th', account.username);
      name.scope = 'row';
      tr.appendChild(name);
      tr.appendChild(el('td', account.role === 'lead' ? 'Lead' : 'Adviser'));
      tr.appendChild(el('td', account.disabled ? 'Disabled' : 'Active'));
      const actions = tr.appendChild(el('td', undefined, 'actions'));
      const toggle = actions.appendChild(el('button', (account.disabled ? 'Enable ' : 'Disable ') + account.username, 'secondary'));
      toggle.type = 'button';
      toggle.addEventListener('click', () => attempt(async () => {
        await api('POST', '/advisers/api/accounts/' + encodeURIComponent(account.username) + '/disabled', { disabled: !account.disabled });
        showOnce(account.disabled ? account.username + ' can sign in again.' : account.username + ' is disabled and has been signed out.');
        await showAccounts();
      }));
      const reset = actions.appendChild(el('button', 'Reset password for ' + account.username, 'secondary'));
      reset.type = 'button';
      reset.addEventListener('click', () => attempt(async () => {
        const result = await api('POST', '/advisers/api/accounts/' + encodeURIComponent(account.username) + '/password', {});
        showOnce('New password for ' + result.username + ': ' + result.password + ' — give it to them now. It is not shown again. They have been signed out, and choose their own password when they sign in.');
      }));
    }
  }

  function showOnce(text) {
    $('once').hidden = false;
    $('once').textContent = text;
  }

  $('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(async () => {
      const password = $('new-password').value;
      const result = await api('POST', '/advisers/api/accounts', { username: $('new-username').value.trim(), role: $('new-role').value, password: password || undefined });
      $('new-username').value = '';
      $('new-password').value = '';
      showOnce(result.password ? 'Added ' + result.username + '. Their password: ' + result.password + ' — give it to them now. It is not shown again, and they choose their own when they first sign in.' : 'Added ' + result.username + ' with the password you typed. They choose their own when they first sign in.');
      await showAccounts();
    });
  });

  // ----- the audit log ---------------------------------------------------------------------------

  const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' });

  async function showAudit(more) {
    const data = await api('GET', '/advisers/api/audit' + (more && state.before ? '?before=' + state.before : ''));
    const body = $('audit-table').querySelector('tbody');
    if (!more) clear(body);
    for (const entry of data.entries) {
      const tr = body.appendChild(el('tr'));
      tr.appendChild(el('td', when.format(new Date(entry.at))));
      tr.appendChild(el('td', entry.adviser));
      tr.appendChild(el('td', entry.action));
      tr.appendChild(el('td', entry.target === null ? '–' : entry.target));
    }
    state.before = data.before;
    $('audit-more').hidden = data.before === null;
  }

  $('audit-more').addEventListener('click', () => attempt(() => showAudit(true)));

  $('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(showReports);
  });

  // ----- start -----------------------------------------------------------------------------------

  const page = PAGES[location.pathname.replace(/\/$/, '')] || 'reports';
  for (const link of document.querySelectorAll('header nav a')) {
    if (link.getAttribute('href') === location.pathname) link.setAttribute('aria-current', 'page');
  }
  // The page's section shows only once the server has answered: an adviser sees the refusal alone.
  attempt(async () => {
    const session = await api('GET', '/advisers/api/session');
    state.csrf = session.csrfToken;
    // With no dates given, the server answers for its last 30 days and says which.
    if (page === 'reports') await showReports();
    if (page === 'accounts') await showAccounts();
    if (page === 'audit') await showAudit(false);
    $(page).hidden = false;
  });
})();
