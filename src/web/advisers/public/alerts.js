// The console's alerts: the tab title counts what needs an adviser, the browser notifies once the
// adviser allows it, and a short tone plays unless turned off. Danger gets its own banner per
// alert, which stays until the adviser says they have seen it, and its own notification that is
// never merged with another. No family words go into a notification, which can show on a locked
// screen; the banner shows the chat's topic as text only, never as HTML.
'use strict';

window.ConsoleAlerts = (function () {
  const SOUND_KEY = 'adviser-console-sound';
  const BASE_TITLE = document.title;
  const KINDS = {
    suicide: 'suicide', 'self-harm': 'self-harm', violence: 'violence', threat: 'a threat', medical: 'a medical emergency',
    'missing-child': 'a missing child', 'carer-unable': 'a carer who cannot cope',
  };
  const counts = { waiting: 0, unread: 0 };
  let audio = null;
  let dangerSeq = 0;
  let onOpen = () => {};

  const soundOn = () => window.localStorage.getItem(SOUND_KEY) !== 'off';

  // Browsers let a page make sound only after a click or key press, so the audio starts on the first one.
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') audio.resume();
  }

  // A tone made in the page: one soft beep for news, three high beeps for danger. No sound file needed.
  function tone(danger) {
    if (!soundOn() || !audio || audio.state !== 'running') return;
    const beeps = danger ? 3 : 1;
    for (let i = 0; i < beeps; i++) {
      const start = audio.currentTime + i * 0.25;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = danger ? 988 : 660;
      gain.gain.setValueAtTime(danger ? 0.4 : 0.15, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.18);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.2);
    }
    window.dispatchEvent(new CustomEvent('console-tone', { detail: { danger } }));
  }

  function notify(title, body, tag, danger, handoffId) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const note = new Notification(title, { body, tag, requireInteraction: danger });
    note.addEventListener('click', () => {
      window.focus();
      if (handoffId) onOpen(handoffId);
      note.close();
    });
  }

  const attentionAway = () => document.hidden || !document.hasFocus();

  function updateTitle() {
    const danger = document.getElementById('danger-alerts').children.length;
    const total = danger + counts.waiting + counts.unread;
    document.title = (total ? '(' + total + ') ' : '') + (danger ? 'Danger! ' : '') + BASE_TITLE;
  }

  function describeKinds(kinds) {
    const words = kinds.map((k) => KINDS[k] || k);
    return words.length ? words.join(', ') : 'danger';
  }

  function dangerBanner(handoffId, kinds, topic) {
    const banner = document.createElement('div');
    banner.className = 'danger-banner';
    banner.setAttribute('role', 'alert');
    banner.id = 'danger-' + ++dangerSeq;
    const text = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = 'Danger in a chat. ';
    text.appendChild(strong);
    text.appendChild(document.createTextNode('The family wrote about ' + describeKinds(kinds) + (topic ? ' (' + topic + ')' : '') + '. The bot has sent them its urgent help reply.'));
    banner.appendChild(text);
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open this chat';
    open.addEventListener('click', () => onOpen(handoffId));
    const seen = document.createElement('button');
    seen.type = 'button';
    seen.className = 'secondary';
    seen.textContent = 'I have seen this';
    seen.addEventListener('click', () => {
      banner.remove();
      updateTitle();
      document.getElementById('main').focus();
    });
    banner.appendChild(open);
    banner.appendChild(seen);
    document.getElementById('danger-alerts').prepend(banner);
  }

  function setUpSettings() {
    const sound = document.getElementById('sound-on');
    sound.checked = soundOn();
    sound.addEventListener('change', () => window.localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off'));
    const ask = document.getElementById('notify-ask');
    const canAsk = () => 'Notification' in window && Notification.permission === 'default';
    ask.hidden = !canAsk();
    ask.addEventListener('click', async () => {
      await Notification.requestPermission();
      ask.hidden = !canAsk();
    });
    window.addEventListener('focus', updateTitle);
  }

  // From the page's first moment, so the click or key press that signs in already counts.
  document.addEventListener('click', unlockAudio);
  document.addEventListener('keydown', unlockAudio);

  return {
    start(openConversation) {
      onOpen = openConversation;
      setUpSettings();
      updateTitle();
    },
    /** The counts behind the tab title: families waiting and unread messages in this adviser's chats. */
    setCounts(waiting, unread) {
      counts.waiting = waiting;
      counts.unread = unread;
      updateTitle();
    },
    familyWaiting(position) {
      tone(false);
      if (attentionAway()) notify('A family is waiting', 'Number ' + position + ' in the queue.', 'queue', false);
    },
    newMessage(handoffId) {
      tone(false);
      if (attentionAway()) notify('New message from a family', 'Open the console to read it.', 'chat-' + handoffId, false, handoffId);
    },
    danger(handoffId, kinds, topic) {
      dangerBanner(handoffId, kinds, topic);
      updateTitle();
      tone(true);
      notify('Danger in a chat', 'The family wrote about ' + describeKinds(kinds) + '. Open the console now.', 'danger-' + handoffId + '-' + dangerSeq, true, handoffId);
    },
  };
})();
