/**
 * Live events between instances on one PostgreSQL database: what one instance publishes reaches the
 * others in order (never itself), only one instance leads the once-only jobs, and another takes over
 * when the leader goes.
 */
import { BusTopics } from '../src/events/eventBus';
import { PostgresEventBus } from '../src/events/postgresEventBus';
import { createLogger } from '../src/logging/logger';

const url = process.env.TEST_DATABASE_URL;
const describeWithPostgres = url ? describe : describe.skip;
if (!url) console.warn('TEST_DATABASE_URL is unset (PostgreSQL is not installed): skipping the PostgreSQL event bus tests');

const logger = createLogger('silent');

function collect(bus: PostgresEventBus) {
  const seen: BusTopics['handoff'][] = [];
  bus.subscribe('handoff', (event) => seen.push(event));
  return seen;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!check()) throw new Error(`never happened: ${what}`);
}

describeWithPostgres('the PostgreSQL event bus', () => {
  let buses: PostgresEventBus[] = [];
  const open = async () => {
    const bus = await PostgresEventBus.open(url!, logger);
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    buses = [];
  });

  it('brings one instance\'s events to the other, in order, and not back to the sender', async () => {
    const [a, b] = [await open(), await open()];
    const [seenByA, seenByB] = [collect(a), collect(b)];
    a.publish('handoff', { kind: 'line', handoffId: 1, conversationId: 'c1', lineId: 7 });
    a.publish('handoff', { kind: 'typing', handoffId: 1 });
    a.publish('handoff', { kind: 'changed' });
    await until(() => seenByB.length === 3, 'B saw three events');
    expect(seenByB).toEqual([{ kind: 'line', handoffId: 1, conversationId: 'c1', lineId: 7 }, { kind: 'typing', handoffId: 1 }, { kind: 'changed' }]);
    expect(seenByA).toEqual([]);
  });

  it('keeps topics apart', async () => {
    const [a, b] = [await open(), await open()];
    const presence: unknown[] = [];
    b.subscribe('presence', (event) => presence.push(event));
    const handoff = collect(b);
    a.publish('presence', { adviser: 'sam', seenAt: 1, chosen: 'busy' });
    await until(() => presence.length === 1, 'B saw the presence event');
    expect(presence).toEqual([{ adviser: 'sam', seenAt: 1, chosen: 'busy' }]);
    expect(handoff).toEqual([]);
  });

  it('does not send what NOTIFY would refuse, and carries on', async () => {
    const [a, b] = [await open(), await open()];
    const seen = collect(b);
    a.publish('handoff', { kind: 'alert', handoffId: 1, kinds: ['x'.repeat(9000)] });
    a.publish('handoff', { kind: 'changed' });
    await until(() => seen.length === 1, 'B saw the small event');
    expect(seen).toEqual([{ kind: 'changed' }]);
  });

  it('lets exactly one instance lead, and another once the leader has gone', async () => {
    const [a, b] = [await open(), await open()];
    const first = await Promise.all([a.leads(), b.leads()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await Promise.all([a.leads(), b.leads()])).toEqual(first);
    const [leader, other] = first[0] ? [a, b] : [b, a];
    await leader.close();
    // The server lets go of the lock as it ends the leader's session, a moment after the client has gone.
    let leads = false;
    for (let i = 0; i < 50 && !leads; i++) {
      leads = await other.leads();
      if (!leads) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(leads).toBe(true);
  });
});
