/**
 * Times the "send" stage: every activity the turn sends, from wherever in the pipeline it is sent
 * (first in the pipeline, so its handler wraps the actual delivery, with expectReplies the
 * buffering, and otherwise the HTTP call to the channel). Added only while turn timings are on.
 */
import { Middleware, TurnContext } from 'botbuilder';
import { timed } from './turnTimings';

export class SendTimingMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities((_context, _activities, send) => timed('send', send));
    await next();
  }
}
