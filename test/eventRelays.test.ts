/**
 * What two instances tell each other, without a database: a pair of linked buses stands in for
 * LISTEN/NOTIFY. A console on one instance sees the other's lines and queue changes (each line read
 * back by id), events replayed here are not sent back, and both keep the same view of who is at the console.
 */
import { EventEmitter } from 'node:events';
import { BusListener, BusTopics, EventBus, LocalListeners, Topic } from '../src/events/eventBus';
import { relayHandoffEvents } from '../src/events/handoffRelay';
import { relayPresence } from '../src/events/presenceRelay';
import { AdviserPresence } from '../src/handoff/adviserPresence';
import { HandoffService } from '../src/handoff/handoffService';
import { TranscriptLine } from '../src/handoff/transcriptStore';
import { createLogger } from '../src/logging/logger';

/** Two buses where what one publishes, the other receives; `sent` counts what went across. */
function linkedBuses(): [EventBus & { sent: unknown[] }, EventBus & { sent: unknown[] }] {
  const make = () => {
    const listeners = new LocalListeners();
    const bus = {
      sent: [] as unknown[],
      other: undefined as unknown as { listeners: LocalListeners },
      listeners,
      publish<T extends Topic>(topic: T, payload: BusTopics[T]) {
        bus.sent.push(payload);
        // NOTIFY arrives later, never inside the publisher's own call.
        setImmediate(() => bus.other.listeners.deliver(topic, JSON.parse(JSON.stringify(payload))));
      },
      subscribe: <T extends Topic>(topic: T, listener: BusListener<T>) => listeners.add(topic, listener),
      leads: async () => true,
      close: async () => undefined,
    };
    return bus;
  };
  const [a, b] = [make(), make()];
  a.other = b;
  b.other = a;
  return [a, b];
}

/** The part of the handoff service the relay uses: its events, and the transcript to read a line back from. */
function handoffsWith(lines: TranscriptLine[]): HandoffService {
  const service = new EventEmitter() as EventEmitter & { transcript: (id: string, after: number) => Promise<TranscriptLine[]> };
  service.transcript = async (_conversationId, afterId) => lines.filter((l) => l.id > afterId);
  return service as unknown as HandoffService;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const logger = createLogger('silent');

describe('relaying events between two instances', () => {
  it("shows instance A's line and queue change on B, with the line read back by its id, and sends nothing back", async () => {
    const [busA, busB] = linkedBuses();
    const line: TranscriptLine = { id: 42, sender: 'user', text: 'The meeting is on Friday', at: 1, danger: false, unsure: false };
    const [a, b] = [handoffsWith([line]), handoffsWith([line])];
    relayHandoffEvents(a, busA, logger);
    relayHandoffEvents(b, busB, logger);
    const seenOnB: unknown[] = [];
    b.on('line', (event) => seenOnB.push(['line', event]));
    b.on('changed', () => seenOnB.push(['changed']));

    a.emit('line', { handoffId: 7, conversationId: 'c7', line });
    a.emit('changed');
    await settle();

    expect(busA.sent).toEqual([{ kind: 'line', handoffId: 7, conversationId: 'c7', lineId: 42 }, { kind: 'changed' }]);
    expect(seenOnB).toEqual([['line', { handoffId: 7, conversationId: 'c7', line }], ['changed']]);
    expect(busB.sent).toEqual([]);
  });

  it('gives both instances the same advisers, statuses included', async () => {
    const [busA, busB] = linkedBuses();
    const now = () => new Date('2026-11-23T14:00:00Z');
    const [a, b] = [new AdviserPresence(now), new AdviserPresence(now)];
    relayPresence(a, busA);
    relayPresence(b, busB);
    a.seen('sam');
    b.choose('ali', 'busy');
    await settle();
    expect(a.all()).toEqual([{ adviser: 'ali', status: 'busy' }, { adviser: 'sam', status: 'available' }]);
    expect(b.all()).toEqual(a.all());
    a.gone('sam');
    await settle();
    expect(b.all()).toEqual([{ adviser: 'ali', status: 'busy' }]);
  });

  it('sends a console\'s repeated sightings only now and then, but every change of status at once', async () => {
    const [busA] = linkedBuses();
    let clock = Date.parse('2026-11-23T14:00:00Z');
    const presence = new AdviserPresence(() => new Date(clock));
    relayPresence(presence, busA);
    presence.seen('sam');
    clock += 1000;
    presence.seen('sam');
    presence.choose('sam', 'busy');
    clock += 11_000;
    presence.seen('sam');
    expect(busA.sent.map((e) => (e as { chosen: string }).chosen)).toEqual(['available', 'busy', 'busy']);
  });
});
