/**
 * What each channel can show. Web Chat, Direct Line, the Emulator, Telegram and Facebook
 * Messenger show buttons; SMS, WhatsApp (through a provider) and anything unknown get
 * numbered text. SMS messages are kept to 320 characters. On SMS and WhatsApp, carriers and
 * providers treat STOP and the like as opting out of all messages, so the bot must too.
 * Only the website chat shows easy-read pictures: its page serves them and lays them out beside the words.
 */
export interface ChannelProfile {
  id: string;
  buttons: boolean;
  markdown: boolean;
  /** Easy-read pictures beside each idea. */
  pictures: boolean;
  maxMessageLength: number;
  /** STOP, UNSUBSCRIBE, CANCEL, END and QUIT mean "send me nothing more". */
  carrierOptOut: boolean;
  /** The bot may write first, later, to a stored conversation (an adviser answering a message left). */
  proactive: boolean;
}

const BUTTON_CHANNELS = new Set(['webchat', 'directline', 'emulator', 'telegram', 'facebook', 'msteams', 'test']);
const MARKDOWN_CHANNELS = new Set(['webchat', 'directline', 'emulator', 'telegram', 'msteams', 'test']);
const PICTURE_CHANNELS = new Set(['webchat']);
const MAX_LENGTH: Record<string, number> = { sms: 320, whatsapp: 1000, facebook: 1000, telegram: 1500 };
const DEFAULT_MAX_LENGTH = 1500;
const OPT_OUT_CHANNELS = new Set(['sms', 'whatsapp']);
// Webchat only while the family's chat is still open: the channel says when it is not.
const PROACTIVE_CHANNELS = new Set(['sms', 'whatsapp', 'telegram', 'facebook', 'webchat', 'directline', 'emulator', 'test']);

export function channelProfile(channelId: string | undefined): ChannelProfile {
  const id = (channelId ?? 'unknown').toLowerCase();
  return {
    id,
    buttons: BUTTON_CHANNELS.has(id),
    markdown: MARKDOWN_CHANNELS.has(id),
    pictures: PICTURE_CHANNELS.has(id),
    maxMessageLength: MAX_LENGTH[id] ?? DEFAULT_MAX_LENGTH,
    carrierOptOut: OPT_OUT_CHANNELS.has(id),
    proactive: PROACTIVE_CHANNELS.has(id),
  };
}

/** The longest a button title may be before botbuilder and some channels give up on buttons. */
export const MAX_BUTTON_TITLE = 20;
