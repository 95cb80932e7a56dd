/**
 * One turn at a time per conversation. Two messages sent at once would otherwise both load the
 * same state, and the second save would fail its eTag check and be dropped; "delete my data" racing
 * another message could let the older turn write deleted data back. Turns for one conversation wait
 * in order; different conversations never wait for each other. Proactive turns (an adviser's words)
 * only send, so they are not queued: queuing them could deadlock two turns that each tell the other's
 * conversation that the queue moved.
 */
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';

/** More turns than this waiting for one conversation is a flood, not a person typing. */
const MAX_WAITING_PER_CONVERSATION = 20;

export class TurnQueueFullError extends Error {
  constructor() {
    super('too many turns are waiting for this conversation');
  }
}

export class SerialTurnsMiddleware implements Middleware {
  /** The last turn queued for each conversation, and how many turns it has in all. */
  private readonly queues = new Map<string, { last: Promise<void>; turns: number }>();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const proactive = activity.type === ActivityTypes.Event && activity.name === 'ContinueConversation';
    if (proactive || !activity.conversation?.id) return next();
    const key = `${activity.channelId}/${activity.conversation.id}`;
    const queue = this.queues.get(key) ?? { last: Promise.resolve(), turns: 0 };
    if (queue.turns >= MAX_WAITING_PER_CONVERSATION) throw new TurnQueueFullError();
    const before = queue.last;
    let finished!: () => void;
    queue.last = new Promise<void>((resolve) => (finished = resolve));
    queue.turns += 1;
    this.queues.set(key, queue);
    try {
      await before;
      await next();
    } finally {
      queue.turns -= 1;
      if (queue.turns === 0) this.queues.delete(key);
      finished();
    }
  }
}
