/**
 * Sends what the bot says in the form the channel can show: Markdown kept or turned into plain
 * text, long messages split into short ones, choices as buttons or numbered lists, easy-read
 * answers with pictures where the channel shows them. Every message carries its plain text as
 * `speak`, for channels and pages that read aloud. Dialogs decide what to say; this decides how
 * it looks and sounds.
 */
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';
import { Pictograms } from '../content/pictograms';
import { toPlainMessage, toReaderText } from '../content/readerText';
import { Responses, Wording } from '../content/responses';
import { channelProfile } from './channelProfile';
import { choiceActivity, MenuChoice } from './choices';
import { easyReadActivities } from './easyReadPictures';
import { splitMessage } from './splitMessage';
import { timed } from '../metrics/turnTimings';

/** The activity with its text, as plain sentences, to be spoken. */
function spoken(activity: Partial<Activity>): Partial<Activity> {
  return activity.text ? { ...activity, speak: toReaderText(activity.text) } : activity;
}

export class Presenter {
  constructor(
    readonly responses: Responses,
    private readonly pictograms?: Pictograms,
  ) {}

  /** The activities that carry these texts on this turn's channel. */
  messageActivities(context: TurnContext, texts: readonly string[]): Partial<Activity>[] {
    const profile = channelProfile(context.activity.channelId);
    return texts
      .map((t) => (profile.markdown ? t : toPlainMessage(t)).trim())
      .filter(Boolean)
      .flatMap((t) => splitMessage(t, profile.maxMessageLength))
      .map((text) => spoken({ type: ActivityTypes.Message, text, textFormat: profile.markdown ? 'markdown' : 'plain' }));
  }

  /** Text whose line breaks matter (a letter): sent as plain text on every channel, split to fit. */
  sendPlain(context: TurnContext, text: string): Promise<void> {
    return timed('render', async () => {
      const profile = channelProfile(context.activity.channelId);
      const parts = splitMessage(text.trim(), profile.maxMessageLength);
      await context.sendActivities(parts.map((part) => spoken({ type: ActivityTypes.Message, text: part, textFormat: 'plain' })));
    });
  }

  send(context: TurnContext, texts: readonly string[]): Promise<void> {
    return timed('render', async () => {
      const activities = this.messageActivities(context, texts);
      if (activities.length) await context.sendActivities(activities);
    });
  }

  /** An answer's messages; in easy read on a channel with pictures, one idea a message, each with its picture. */
  sendAnswer(context: TurnContext, texts: readonly string[], wording: Wording = {}): Promise<void> {
    return timed('render', async () => {
      const profile = channelProfile(context.activity.channelId);
      if (!(wording.easyRead && profile.pictures && this.pictograms)) return this.send(context, texts);
      const activities = easyReadActivities(texts.map((t) => t.trim()).filter(Boolean), this.pictograms).map(spoken);
      if (activities.length) await context.sendActivities(activities);
    });
  }

  say(context: TurnContext, key: string, wording: Wording = {}): Promise<void> {
    return timed('render', () => this.send(context, this.responses.messages(key, { sms: context.activity.channelId === 'sms', ...wording })));
  }

  /** The prompt and its choices as one activity (or, on SMS, a numbered list split if it must be). */
  choiceActivities(context: TurnContext, prompt: string, choices: readonly MenuChoice[], wording: Wording = {}): Partial<Activity>[] {
    return timed('render', () => this.buildChoiceActivities(context, prompt, choices, wording));
  }

  private buildChoiceActivities(context: TurnContext, prompt: string, choices: readonly MenuChoice[], wording: Wording): Partial<Activity>[] {
    const profile = channelProfile(context.activity.channelId);
    const hint = this.responses.text('numbered_hint', { sms: profile.id === 'sms', ...wording });
    const activity = choiceActivity(profile, prompt, choices, hint);
    if (profile.buttons || (activity.text ?? '').length <= profile.maxMessageLength) return [spoken(activity)];
    return this.messageActivities(context, [prompt, choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n'), hint]);
  }
}
