/**
 * The built-in Direct Line with several instances: a family's WebSocket is open on one instance, while
 * the bot's reply or an adviser's words may be stored by another. Each activity published here is sent
 * on by id (a typing activity, never stored, goes whole: it is small); the instance that holds a listener
 * for that conversation reads the activity back and pushes it down the socket, in order.
 */
import { Logger } from '../logging/logger';
import { ConversationStore, DirectLineActivity } from '../web/directline/conversationStore';
import { EventBus } from './eventBus';

export function relayDirectLine(store: ConversationStore, bus: EventBus, logger: Logger): () => void {
  store.relay = (conversationId, set) => {
    for (const activity of set.activities) {
      if (activity.type === 'typing') bus.publish('directline', { conversationId, typing: activity });
      else if (typeof activity.id === 'string') bus.publish('directline', { conversationId, activityId: activity.id });
    }
  };
  let queue = Promise.resolve();
  const unsubscribe = bus.subscribe('directline', (event) => {
    if (!store.hasListeners({ id: event.conversationId })) return;
    queue = queue
      .then(async () => {
        if ('typing' in event) return store.deliver(event.conversationId, { activities: [event.typing as DirectLineActivity] });
        const sequence = sequenceIn(event.activityId);
        const conversation = await store.get(event.conversationId);
        if (!conversation || sequence === undefined) return;
        const stored = await store.since(conversation, String(sequence));
        const activity = stored.activities.find((a) => a.id === event.activityId);
        if (activity) store.deliver(event.conversationId, { activities: [activity], watermark: String(sequence + 1) });
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'event bus: could not relay a webchat activity'));
  });
  return () => {
    unsubscribe();
    store.relay = undefined;
  };
}

/** An activity id is "<conversation id>|<sequence>" (conversationStore.ts). */
function sequenceIn(activityId: string): number | undefined {
  const match = /\|(\d{1,15})$/.exec(activityId);
  return match ? Number(match[1]) : undefined;
}
