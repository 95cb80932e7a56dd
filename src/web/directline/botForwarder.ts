/**
 * Hands activities to the bot the way a Bot Framework channel does: an HTTP POST to the bot's
 * /api/messages. No Authorization header: the local Direct Line only runs when no MicrosoftAppId
 * is set, so the adapter accepts unauthenticated traffic (as it does from the Emulator).
 */
import { Logger } from '../../logging/logger';
import { DirectLineActivity } from './conversationStore';

/** Direct Line waits this long for the bot to answer the POST. */
const BOT_TIMEOUT_MS = 15_000;

export type DeliveryResult = { ok: true } | { ok: false; reason: 'error' | 'timeout'; status?: number };

export class BotForwarder {
  constructor(
    private readonly botEndpoint: () => string,
    private readonly logger: Logger,
  ) {}

  async deliver(activity: DirectLineActivity): Promise<DeliveryResult> {
    try {
      const response = await fetch(this.botEndpoint(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) return { ok: true };
      this.logger.warn({ status: response.status, activityType: activity.type }, 'direct line: the bot refused an activity');
      return { ok: false, reason: 'error', status: response.status };
    } catch (error) {
      const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      this.logger.warn({ problem: timeout ? 'timeout' : (error as Error).name, activityType: activity.type }, 'direct line: could not reach the bot');
      return { ok: false, reason: timeout ? 'timeout' : 'error' };
    }
  }
}
