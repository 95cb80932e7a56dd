/**
 * Carries the handoff service's events (what the advisers' consoles listen to) to the other instances,
 * as ids, and replays theirs here, with the line read back from the database, as if they had happened in
 * this process. Events replayed here are not sent on again. Replays run one at a time, in the order
 * they came, so a console never shows a later line before an earlier one.
 */
import { Logger } from '../logging/logger';
import { HandoffService } from '../handoff/handoffService';
import { EventBus } from './eventBus';

export function relayHandoffEvents(handoffs: HandoffService, bus: EventBus, logger: Logger): () => void {
  let replaying = false;
  const replay = (emit: () => void) => {
    replaying = true;
    try {
      emit();
    } finally {
      replaying = false;
    }
  };
  const onChanged = () => {
    if (!replaying) bus.publish('handoff', { kind: 'changed' });
  };
  const onLine = (event: { handoffId: number; conversationId: string; line: { id: number } }) => {
    if (!replaying) bus.publish('handoff', { kind: 'line', handoffId: event.handoffId, conversationId: event.conversationId, lineId: event.line.id });
  };
  const onAlert = (event: { handoffId: number; kinds: string[] }) => {
    if (!replaying) bus.publish('handoff', { kind: 'alert', handoffId: event.handoffId, kinds: event.kinds });
  };
  const onTyping = (event: { handoffId: number }) => {
    if (!replaying) bus.publish('handoff', { kind: 'typing', handoffId: event.handoffId });
  };
  handoffs.on('changed', onChanged);
  handoffs.on('line', onLine);
  handoffs.on('alert', onAlert);
  handoffs.on('typing', onTyping);

  let queue = Promise.resolve();
  const unsubscribe = bus.subscribe('handoff', (event) => {
    queue = queue
      .then(async () => {
        if (event.kind === 'changed') replay(() => handoffs.emit('changed'));
        else if (event.kind === 'alert') replay(() => handoffs.emit('alert', { handoffId: event.handoffId, kinds: event.kinds }));
        else if (event.kind === 'typing') replay(() => handoffs.emit('typing', { handoffId: event.handoffId }));
        // Only an instance with a console open reads the line (this relay's own listener is the one other).
        else if (handoffs.listenerCount('line') > 1) {
          const lines = await handoffs.transcript(event.conversationId, event.lineId - 1);
          const line = lines.find((l) => l.id === event.lineId);
          if (line) replay(() => handoffs.emit('line', { handoffId: event.handoffId, conversationId: event.conversationId, line }));
        }
      })
      .catch((error: unknown) => logger.warn({ err: error, kind: event.kind }, 'event bus: could not replay a handoff event'));
  });
  return () => {
    unsubscribe();
    handoffs.off('changed', onChanged);
    handoffs.off('line', onLine);
    handoffs.off('alert', onAlert);
    handoffs.off('typing', onTyping);
  };
}
