/*
 * The webchat page's own script: gets a Direct Line token, starts Web Chat with styles for easy
 * reading, the high-contrast switch (remembered on this device), "Leave this site quickly"
 * (the button, or Esc pressed twice), reading the bot's messages aloud with this device's own
 * voices, speaking instead of typing where the browser can turn speech into words, and who said
 * each message (the chat helper or an adviser, by name) on screen and for screen readers.
 * Served as a file so the page's CSP can forbid inline script.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  /** The nonce that lets Web Chat's <style> elements through the Content Security Policy. */
  var styleNonce = (script && script.nonce) || undefined;
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var words = data.text;
  var speechWords = data.speech;

  var statusLine = document.getElementById('chat-status');
  var restartButton = document.getElementById('restart');
  var contrastButton = document.getElementById('contrast');
  var chatHolder = document.getElementById('webchat');
  var chatSection = document.getElementById('chat');

  // --- On a phone the chat is the page ----------------------------------------------------------------
  // The words above it fold away (a tap opens them), the chat fills the screen under the Leave bar,
  // and the choices sit in one strip that scrolls sideways, so the messages keep the room.

  var phone = window.matchMedia ? window.matchMedia('(max-width: 30rem)') : { matches: false };
  if (phone.matches) document.getElementById('about').open = false;

  function showChatOnPhone() {
    if (phone.matches) chatSection.scrollIntoView({ block: 'start' });
  }

  // --- Leave this site quickly ------------------------------------------------------------------

  function leave() {
    stopSpeaking();
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
      stopSpeaking();
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
  if (phone.addEventListener) phone.addEventListener('change', render);

  // --- Reading aloud, with this device's own voices ------------------------------------------------
  // Only voices on the device (localService): a network voice would send the family's chat to a
  // speech company. With none, the controls stay hidden and nothing else changes.

  var synth = window.speechSynthesis;
  var readAloudControls = document.getElementById('read-aloud');
  var readNewButton = document.getElementById('read-new');
  var slowerButton = document.getElementById('read-slower');
  var READ_NEW_KEY = 'webchat-read-new';
  var SLOWER_KEY = 'webchat-read-slower';
  /** A calm pace, a little under the voice's normal; "Read more slowly" slows it further. */
  var CALM_RATE = 0.9;
  var SLOW_RATE = 0.7;
  var voice = null;
  /** What the bot asked to be spoken (its activities' `speak`) for each message text it sent. */
  var speechByText = Object.create(null);

  function rememberedOn(key) {
    try {
      return window.localStorage.getItem(key) === 'on';
    } catch (ignored) {
      return false;
    }
  }

  function remember(key, on) {
    try {
      window.localStorage.setItem(key, on ? 'on' : 'off');
    } catch (ignored) {
      /* remembered for this visit only */
    }
  }

  var readNew = rememberedOn(READ_NEW_KEY);
  var slower = rememberedOn(SLOWER_KEY);

  function showSettings() {
    readNewButton.setAttribute('aria-pressed', readNew ? 'true' : 'false');
    slowerButton.setAttribute('aria-pressed', slower ? 'true' : 'false');
  }

  function deviceVoice() {
    var voices = synth.getVoices().filter(function (v) {
      return v.localService && /^en\b/i.test(v.lang);
    });
    var british = voices.filter(function (v) {
      return /^en[-_]GB$/i.test(v.lang);
    });
    return british[0] || voices[0] || null;
  }

  function findVoice() {
    voice = deviceVoice();
    readAloudControls.hidden = !voice;
    addReadButtons();
  }

  function stopSpeaking() {
    if (synth) synth.cancel();
  }

  function speak(text) {
    if (!voice || !text) return;
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = slower ? SLOW_RATE : CALM_RATE;
    synth.speak(utterance);
  }

  readNewButton.addEventListener('click', function () {
    readNew = !readNew;
    remember(READ_NEW_KEY, readNew);
    if (!readNew) stopSpeaking();
    showSettings();
  });

  slowerButton.addEventListener('click', function () {
    slower = !slower;
    remember(SLOWER_KEY, slower);
    showSettings();
  });

  /** Each bot message in the transcript gets a "Read this out" button after its words. */
  function addReadButtons() {
    if (!voice || !target) return;
    var rows = target.querySelectorAll('.webchat__basic-transcript .webchat__stacked-layout__message-row');
    Array.prototype.forEach.call(rows, function (row) {
      if (row.querySelector('.read-out') || !row.querySelector('.webchat__bubble:not(.webchat__bubble--from-user)')) return;
      var holder = document.createElement('div');
      var button = document.createElement('button');
      holder.className = 'read-out-row';
      button.type = 'button';
      button.className = 'read-out';
      button.textContent = speechWords.readOut;
      holder.appendChild(button);
      row.appendChild(holder);
    });
  }

  /** A message's words without its screen-reader "… said:" line. */
  function wordsOf(content) {
    var copy = content.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll('.speaker'), function (label) {
      label.remove();
    });
    return copy.textContent;
  }

  function readOut(row) {
    var marked = row.querySelector('[data-speak]');
    var content = row.querySelector('.webchat__bubble__content');
    stopSpeaking();
    speak((marked && marked.getAttribute('data-speak')) || (content && wordsOf(content)) || '');
  }

  chatHolder.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.read-out');
    if (button) readOut(button.closest('.webchat__stacked-layout__message-row'));
  });

  // Typing in the message box stops the reading, so the two never talk over each other.
  chatHolder.addEventListener('input', stopSpeaking, true);
  window.addEventListener('pagehide', stopSpeaking);

  new MutationObserver(addReadButtons).observe(chatHolder, { childList: true, subtree: true });

  /** A message from the bot has arrived: keep what it should sound like, and read it if asked to. */
  function botMessageArrived(activity) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot') return;
    var spoken = activity.speak || activity.text;
    if (activity.text && activity.speak) speechByText[activity.text] = activity.speak;
    if (readNew) speak(spoken);
  }

  // --- Who said it ---------------------------------------------------------------------------------
  // Web Chat gives every bot message one screen-reader greeting, and an adviser's words come through
  // the bot. So Web Chat's greeting is left blank and each message says who wrote it: "The chat
  // helper said:", or "Sam, an adviser, said:" with the adviser's name on show and their own colour.

  /** For each message text from the bot's side: the adviser who wrote it ('' for the chat helper), and whether it is plain text. */
  var writerByText = Object.create(null);

  function adviserOf(activity) {
    var marks = activity.channelData || {};
    if (!marks.sentByAdviser || typeof marks.adviser !== 'string' || !marks.adviser) return '';
    return marks.adviser.charAt(0).toUpperCase() + marks.adviser.slice(1);
  }

  /** Remembers who wrote a bot-side message; plain text is passed on as Markdown so it comes through renderMarkdown, which shows it as plain. */
  function markWriter(activity) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot' || !activity.text) return activity;
    var adviser = adviserOf(activity);
    var plain = activity.textFormat === 'plain';
    writerByText[activity.text] = { adviser: adviser, plain: plain };
    if (!plain && !adviser) return activity;
    var changed = Object.assign({}, activity, { textFormat: 'markdown' });
    // What the live region announces, without the name on show said twice.
    if (adviser) changed.channelData = Object.assign({}, activity.channelData, { 'webchat:fallback-text': adviserSaid(adviser) + ' ' + activity.text });
    return changed;
  }

  function adviserSaid(adviser) {
    return words.adviserSaid.replace('{{adviser}}', adviser);
  }

  function writerLines(writer) {
    if (!writer.adviser) return '<span class="visually-hidden speaker">' + escapeHtml(words.botSaid) + '</span>';
    var name = words.adviserName.replace('{{adviser}}', writer.adviser);
    var said = adviserSaid(writer.adviser);
    return (
      '<p class="adviser-name" aria-hidden="true"><span class="adviser-badge">' + escapeHtml(writer.adviser.charAt(0)) + '</span>' +
      escapeHtml(name) + '</p><span class="visually-hidden speaker">' + escapeHtml(said) + '</span>'
    );
  }

  function listenToStore() {
    return function (next) {
      return function (action) {
        if (action.type !== 'DIRECT_LINE/INCOMING_ACTIVITY' || !action.payload) return next(action);
        botMessageArrived(action.payload.activity);
        var activity = markWriter(action.payload.activity);
        return next(Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: activity }) }));
      };
    };
  }

  if (synth && window.SpeechSynthesisUtterance) {
    showSettings();
    findVoice();
    // Chromium lists its voices a moment after the page opens.
    if (synth.addEventListener) synth.addEventListener('voiceschanged', findVoice);
  } else {
    synth = null;
  }

  // --- Speaking instead of typing -------------------------------------------------------------------
  // The words heard go into the message box; the person reads them, can change them, and sends them.

  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var dictation = document.getElementById('dictation');
  var dictateButton = document.getElementById('dictate');
  var dictationStatus = document.getElementById('dictation-status');
  var listening = null;

  function messageBox() {
    return chatHolder.querySelector('.webchat__send-box textarea, .webchat__send-box input[type="text"]');
  }

  function fillMessageBox(text) {
    if (store) store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: text } });
  }

  function doneListening(heard) {
    listening = null;
    dictateButton.textContent = speechWords.speakButton;
    dictationStatus.textContent = heard ? speechWords.heard : speechWords.notHeard;
    var box = messageBox();
    if (heard && box) box.focus();
  }

  function startListening() {
    var recognition = new Recognition();
    var heard = '';
    recognition.lang = 'en-GB';
    recognition.interimResults = true;
    recognition.continuous = false;
    recognition.maxAlternatives = 1;
    recognition.onresult = function (event) {
      heard = '';
      for (var i = 0; i < event.results.length; i++) heard += event.results[i][0].transcript;
      fillMessageBox(heard.trim());
    };
    recognition.onerror = function () {
      heard = '';
    };
    recognition.onend = function () {
      doneListening(heard.trim());
    };
    stopSpeaking();
    listening = recognition;
    dictateButton.textContent = speechWords.stopListening;
    dictationStatus.textContent = speechWords.listening;
    try {
      recognition.start();
    } catch (ignored) {
      doneListening('');
    }
  }

  /** Stops listening without a word about it (a new chat is starting). */
  function abandonListening() {
    if (!listening) return;
    listening.onend = null;
    listening.abort();
    listening = null;
    dictateButton.textContent = speechWords.speakButton;
    dictationStatus.textContent = '';
  }

  dictateButton.addEventListener('click', function () {
    if (listening) listening.stop();
    else if (store) startListening();
  });

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
      suggestedActionLayout: phone.matches ? 'carousel' : 'flow',
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
      // New messages scroll into view only until the first of them reaches the top: the parent reads
      // an answer from its start, not from its last line.
      autoScrollSnapOnPage: true,
      bubbleImageHeight: 64,
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

  // Links, bare web addresses, **bold**, and _emphasis_ (an answer's source line) at word edges.
  var INLINE = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<]*[^\s<.,;:!?)])|\*\*([^*]+)\*\*|(^|\s)_([^_]+)_(?![A-Za-z0-9])/g;

  function inline(text) {
    var out = '';
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    while ((match = INLINE.exec(text))) {
      out += escapeHtml(text.slice(last, match.index));
      if (match[1]) out += link(match[2], match[1]);
      else if (match[3]) out += link(match[3], match[3]);
      else if (match[4]) out += '<strong>' + escapeHtml(match[4]) + '</strong>';
      else out += escapeHtml(match[5]) + '<em>' + escapeHtml(match[6]) + '</em>';
      last = INLINE.lastIndex;
    }
    return out + escapeHtml(text.slice(last));
  }

  /** Plain text (an adviser's words, a letter): escaped, with its line breaks kept. */
  function plainHtml(text) {
    return String(text)
      .split(/\r?\n\s*\r?\n/)
      .map(function (paragraph) {
        return '<p>' + paragraph.split(/\r?\n/).map(escapeHtml).join('<br>') + '</p>';
      })
      .join('');
  }

  function renderMarkdown(markdown) {
    var writer = writerByText[markdown];
    var body = writer && writer.plain ? plainHtml(markdown) : markdownHtml(markdown);
    if (!writer) return body;
    var html = writerLines(writer) + body;
    return writer.adviser ? '<div class="from-adviser">' + html + '</div>' : html;
  }

  function markdownHtml(markdown) {
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
    var speech = speechByText[markdown];
    // What the bot asked to be spoken rides along for "Read this out" (screen readers ignore it).
    return speech ? '<div data-speak="' + escapeHtml(speech) + '">' + html.join('') + '</div>' : html.join('');
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
        // An adviser in a live chat sees "The family is typing…"; the bot ignores it.
        sendTypingIndicator: true,
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: words.inputPlaceholder,
          TEXT_INPUT_ALT: words.inputLabel,
          TEXT_INPUT_SEND_BUTTON_ALT: words.sendButton,
          // Blank: each message says who wrote it (see "Who said it").
          ACTIVITY_BOT_SAID_ALT: ' ',
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

  /** Web Chat does not fall back when its connection never comes: after this long, say so and offer the phone. */
  var CONNECT_WITHIN_MS = 10000;
  var connectTimer = null;

  function watchConnection() {
    var connected = false;
    clearTimeout(connectTimer);
    connectTimer = setTimeout(function () {
      if (!connected) stopped(words.failed);
    }, CONNECT_WITHIN_MS);
    // Direct Line's connection states: 2 online, 3 token expired, 4 failed to connect, 5 ended.
    statusSubscription = directLine.connectionStatus$.subscribe({
      next: function (status) {
        if (status === 2) {
          connected = true;
          clearTimeout(connectTimer);
          say(words.ready, true);
        } else if (status === 3 || status === 5) stopped(words.ended);
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
        store = window.WebChat.createStore({}, listenToStore);
        watchConnection();
        render();
        showChatOnPhone();
        dictation.hidden = !Recognition;
      })
      .catch(function () {
        stopped(words.failed);
      });
  }

  restartButton.addEventListener('click', function () {
    clearTimeout(connectTimer);
    stopSpeaking();
    abandonListening();
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
