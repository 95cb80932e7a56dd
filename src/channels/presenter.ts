/**
 * Sends what the bot says in the form the channel can show: Markdown kept or turned into plain
 * text, long messages split into short ones, choices as buttons or numbered lists. Dialogs decide
 * what to say; this decides how it looks.
 */
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';
import { toPlainMessage } from '../content/readerText';
import { Responses, Wording } from '../content/responses';
import { channelProfile } from './channelProfile';
import { choiceActivity, MenuChoice } from './choices';
import { splitMessage } from './splitMessage';

export class Presenter {
  constructor(readonly responses: Responses) {}

  /** The activities that carry these texts on this turn's channel. */
  messageActivities(context: TurnContext, texts: readonly string[]): Partial<Activity>[] {
    const profile = channelProfile(context.activity.channelId);
    return texts
      .map((t) => (profile.markdown ? t : toPlainMessage(t)).trim())
      .filter(Boolean)
      .flatMap((t) => splitMessage(t, profile.maxMessageLength))
      .map((text) => ({ type: ActivityTypes.Message, text, textFormat: profile.markdown ? 'markdown' : 'plain' }));
  }

  /** Text whose line breaks matter (a letter): sent as plain text on every channel, split to fit. */
  async sendPlain(context: TurnContext, text: string): Promise<void> {
    const profile = channelProfile(context.activity.channelId);
    const parts = splitMessage(text.trim(), profile.maxMessageLength);
    await context.sendActivities(parts.map((part) => ({ type: ActivityTypes.Message, text: part, textFormat: 'plain' })));
  }

  async send(context: TurnContext, texts: readonly string[]): Promise<void> {
    const activities = this.messageActivities(context, texts);
    if (activities.length) await context.sendActivities(activities);
  }

  async say(context: TurnContext, key: string, wording: Wording = {}): Promise<void> {
    await this.send(context, this.responses.messages(key, { sms: context.activity.channelId === 'sms', ...wording }));
  }

  /** The prompt and its choices as one activity (or, on SMS, a numbered list split if it must be). */
  choiceActivities(context: TurnContext, prompt: string, choices: readonly MenuChoice[], wording: Wording = {}): Partial<Activity>[] {
    const profile = channelProfile(context.activity.channelId);
    const hint = this.responses.text('numbered_hint', { sms: profile.id === 'sms', ...wording });
    const activity = choiceActivity(profile, prompt, choices, hint);
    if (profile.buttons || (activity.text ?? '').length <= profile.maxMessageLength) return [activity];
    return this.messageActivities(context, [prompt, choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n'), hint]);
  }
}
