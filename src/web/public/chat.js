/*
 * The webchat page's own script: gets a Direct Line token, starts Web Chat with styles for easy
 * reading, the high-contrast switch (remembered on this device), and "Leave this site quickly"
 * (the button, or Esc pressed twice). Served as a file so the page's CSP can forbid inline script.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  /** The nonce that lets Web Chat's <style> elements through the Content Security Policy. */
  var styleNonce = (script && script.nonce) || undefined;
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var words = data.text;

  var statusLine = document.getElementById('chat-status');
  var restartButton = document.getElementById('restart');
  var contrastButton = document.getElementById('contrast');
  var chatHolder = document.getElementById('webchat');

  // --- Leave this site quickly ------------------------------------------------------------------

  function leave() {
    try {
      sessionStorage.clear();
    } catch (ignored) {
      /* storage may be blocked */
    }
    // replace(): the chat page's place in the history is taken by the neutral page, so Back does not return here.
    window.location.replace(data.leaveUrl);
  }

  document.getElementById('leave').addEventListener('click', function (event) {
    event.preventDefault();
    leave();
  });

  var lastEscape = 0;
  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key !== 'Escape' && event.key !== 'Esc') return;
      var now = Date.now();
      if (now - lastEscape < 1500) leave();
      lastEscape = now;
    },
    true
  );

  // --- Skip link: straight into the message box ---------------------------------------------------

  document.getElementById('skip-link').addEventListener('click', function (event) {
    var input = chatHolder.querySelector('input[type="text"], textarea');
    if (!input) return;
    event.preventDefault();
    input.focus();
  });

  // --- High contrast ------------------------------------------------------------------------------

  var CONTRAST_KEY = 'webchat-high-contrast';

  function storedContrast() {
    try {
      return window.localStorage.getItem(CONTRAST_KEY);
    } catch (ignored) {
      return null;
    }
  }

  var stored = storedContrast();
  var highContrast =
    stored === 'on' || (stored === null && !!window.matchMedia && window.matchMedia('(prefers-contrast: more)').matches);

  function applyContrast() {
    document.documentElement.classList.toggle('high-contrast', highContrast);
    contrastButton.setAttribute('aria-pressed', highContrast ? 'true' : 'false');
  }

  contrastButton.addEventListener('click', function () {
    highContrast = !highContrast;
    try {
      window.localStorage.setItem(CONTRAST_KEY, highContrast ? 'on' : 'off');
    } catch (ignored) {
      /* remembered for this visit only */
    }
    applyContrast();
    render();
  });

  applyContrast();

  // --- Web Chat's look: large text, generous spacing, strong focus rings ---------------------------

  var FONT = "Arial, 'Helvetica Neue', Helvetica, sans-serif";

  function styleOptions() {
    var normal = {
      ink: '#0b0c0c',
      paper: '#ffffff',
      accent: '#1d4f91',
      subtle: '#505a5f',
      userBubble: '#eaf1f8',
      border: '#505a5f',
      focus: '#0b0c0c'
    };
    var contrast = {
      ink: '#ffffff',
      paper: '#000000',
      accent: '#ffdd00',
      subtle: '#ffffff',
      userBubble: '#000000',
      border: '#ffffff',
      focus: '#ffdd00'
    };
    var c = highContrast ? contrast : normal;
    return {
      primaryFont: FONT,
      accent: c.accent,
      subtle: c.subtle,
      backgroundColor: c.paper,
      paddingRegular: 14,
      paddingWide: 24,
      fontSizeSmall: '90%',
      avatarSize: 0,
      bubbleBackground: c.paper,
      bubbleTextColor: c.ink,
      bubbleBorderColor: c.border,
      bubbleBorderWidth: 2,
      bubbleBorderRadius: 8,
      bubbleFromUserBackground: c.userBubble,
      bubbleFromUserTextColor: c.ink,
      bubbleFromUserBorderColor: c.border,
      bubbleFromUserBorderWidth: 2,
      bubbleFromUserBorderRadius: 8,
      bubbleMinHeight: 48,
      bubbleMinWidth: 0,
      bubbleMaxWidth: 640,
      timestampColor: c.subtle,
      sendBoxBackground: c.paper,
      sendBoxTextColor: c.ink,
      sendBoxPlaceholderColor: c.subtle,
      sendBoxButtonColor: c.accent,
      sendBoxHeight: 64,
      sendBoxTextWrap: true,
      sendBoxBorderTop: 'solid 2px ' + c.border,
      sendBoxButtonKeyboardFocusIndicatorBorderColor: c.focus,
      sendBoxButtonKeyboardFocusIndicatorBorderWidth: 3,
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      suggestedActionHeight: 48,
      suggestedActionBorderRadius: 8,
      suggestedActionBorderWidth: 2,
      suggestedActionBackgroundColor: c.paper,
      suggestedActionBorderColor: c.accent,
      suggestedActionTextColor: c.accent,
      suggestedActionBackgroundColorOnHover: highContrast ? '#333333' : '#eaf1f8',
      suggestedActionBackgroundColorOnFocus: highContrast ? '#333333' : '#eaf1f8',
      suggestedActionKeyboardFocusIndicatorBorderColor: c.focus,
      suggestedActionKeyboardFocusIndicatorBorderWidth: 3,
      suggestedActionKeyboardFocusIndicatorInset: 3,
      transcriptVisualKeyboardIndicatorColor: c.focus,
      transcriptVisualKeyboardIndicatorWidth: 3,
      transcriptActivityVisualKeyboardIndicatorColor: c.focus,
      transcriptActivityVisualKeyboardIndicatorWidth: 3,
      transcriptOverlayButtonBackground: c.ink,
      transcriptOverlayButtonColor: c.paper,
      notificationText: c.ink,
      scrollToEndButtonFontSize: '1rem',
      markdownRespectCRLF: true
    };
  }

  // --- The bot's Markdown: a small, safe subset (paragraphs, "- " bullets, **bold**, links) ---------

  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  function link(url, label) {
    return (
      '<a href="' + escapeHtml(url) + '" target="_blank" rel="noopener noreferrer">' + escapeHtml(label) +
      '<span class="visually-hidden"> ' + escapeHtml(words.newTab) + '</span></a>'
    );
  }

  var INLINE = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<]*[^\s<.,;:!?)])|\*\*([^*]+)\*\*/g;

  function inline(text) {
    var out = '';
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    while ((match = INLINE.exec(text))) {
      out += escapeHtml(text.slice(last, match.index));
      if (match[1]) out += link(match[2], match[1]);
      else if (match[3]) out += link(match[3], match[3]);
      else out += '<strong>' + escapeHtml(match[4]) + '</strong>';
      last = INLINE.lastIndex;
    }
    return out + escapeHtml(text.slice(last));
  }

  function renderMarkdown(markdown) {
    var html = [];
    var paragraph = [];
    var list = null;
    function endParagraph() {
      if (paragraph.length) html.push('<p>' + paragraph.map(inline).join('<br>') + '</p>');
      paragraph = [];
    }
    function endList() {
      if (list) html.push('<ul>' + list.map(function (item) { return '<li>' + inline(item) + '</li>'; }).join('') + '</ul>');
      list = null;
    }
    String(markdown || '').split(/\r?\n/).forEach(function (line) {
      var bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      var heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (bullet) {
        endParagraph();
        (list = list || []).push(bullet[1]);
      } else if (heading) {
        endParagraph();
        endList();
        html.push('<p><strong>' + inline(heading[1]) + '</strong></p>');
      } else if (!line.trim()) {
        endParagraph();
        endList();
      } else {
        endList();
        paragraph.push(line);
      }
    });
    endParagraph();
    endList();
    return html.join('');
  }

  // --- Starting and restarting the chat -----------------------------------------------------------

  var directLine = null;
  var store = null;
  var target = null;
  var statusSubscription = null;

  function say(text, quiet) {
    statusLine.textContent = text;
    statusLine.classList.toggle('chat__status--quiet', !!quiet);
  }

  function render() {
    if (!directLine || !target) return;
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: 'en-GB',
        nonce: styleNonce,
        styleOptions: styleOptions(),
        renderMarkdown: renderMarkdown,
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: words.inputPlaceholder,
          TEXT_INPUT_ALT: words.inputLabel,
          TEXT_INPUT_SEND_BUTTON_ALT: words.sendButton,
          ACTIVITY_BOT_SAID_ALT: words.botSaid,
          ACTIVITY_YOU_SAID_ALT: words.youSaid
        }
      },
      target
    );
  }

  function stopped(text) {
    say(text);
    restartButton.hidden = false;
  }

  function watchConnection() {
    // Direct Line's connection states: 2 online, 3 token expired, 4 failed to connect, 5 ended.
    statusSubscription = directLine.connectionStatus$.subscribe({
      next: function (status) {
        if (status === 2) say(words.ready, true);
        else if (status === 3 || status === 5) stopped(words.ended);
        else if (status === 4) stopped(words.failed);
      }
    });
  }

  function requestToken() {
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      cache: 'no-store',
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    });
  }

  function start(tokenRequest) {
    say(words.starting);
    restartButton.hidden = true;
    tokenRequest
      .then(function (answer) {
        if (!window.WebChat) throw new Error('Web Chat did not load');
        // A fresh element for each chat, so nothing of an earlier chat stays on screen.
        target = document.createElement('div');
        target.className = 'chat__root';
        chatHolder.replaceChildren(target);
        directLine = window.WebChat.createDirectLine({ token: answer.token, domain: answer.domain });
        store = window.WebChat.createStore();
        watchConnection();
        render();
      })
      .catch(function () {
        stopped(words.failed);
      });
  }

  restartButton.addEventListener('click', function () {
    if (statusSubscription) statusSubscription.unsubscribe();
    if (directLine) directLine.end();
    directLine = null;
    start(requestToken());
  });

  // This script runs before Web Chat's (both are deferred, in order), so the token is on its way
  // while Web Chat's bundle is still being read; the chat starts once the page has finished loading.
  var firstToken = requestToken();
  firstToken.catch(function () {
    /* handled in start() */
  });
  if (window.WebChat) start(firstToken);
  else document.addEventListener('DOMContentLoaded', function () {
    start(firstToken);
  });
})();
