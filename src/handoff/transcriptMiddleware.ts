/**
 * Keeps the transcript: the family's message and everything sent back in the turn, written in one
 * transaction when the turn's work is done and before the adapter acknowledges it. Relayed
 * messages during a live chat are written by the handoff relay instead, since the turn stops there.
 * After "delete my data" nothing more of that turn is kept.
 */
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { assessmentOf } from '../bot/safetyMiddleware';
import { timed } from '../metrics/turnTimings';
import { wasErased } from '../storage/dataEraser';
import { NewLine, senderOf, TranscriptStore, transcriptText } from './transcriptStore';

export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly store: TranscriptStore,
    private readonly now: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return next();
    const { channelId } = context.activity;
    const lines: NewLine[] = [];
    let written = false;
    const keep = async (line: NewLine) => {
      if (wasErased(context)) return;
      if (written) await this.store.addLines([line]);
      else lines.push(line);
    };
    const incoming = transcriptText(context.activity);
    if (context.activity.type === ActivityTypes.Message && incoming) {
      const { tier } = assessmentOf(context);
      lines.push({ conversationId, channelId, sender: 'user', text: incoming, at: this.now(), danger: tier === 'danger', unsure: tier === 'check' });
    }
    context.onSendActivities(async (_context, activities, send) => {
      const responses = await send();
      for (const activity of activities) {
        const text = activity.type === ActivityTypes.Message ? transcriptText(activity) : '';
        if (text) await keep({ conversationId, channelId, sender: senderOf(activity), text, at: this.now() });
      }
      return responses;
    });
    try {
      await next();
    } finally {
      // An apology sent by onTurnError comes after this: `written` makes keep() write it at once.
      written = true;
      if (!wasErased(context)) await timed('transcript', () => this.store.addLines(lines));
    }
  }
}
