/**
 * The event bus for several instances on one PostgreSQL database: each instance holds one connection
 * that LISTENs on a single channel and sends its own events with pg_notify, marked with the instance's
 * id so that it ignores its own. The same connection holds the housekeeping lock (a session advisory
 * lock), so exactly one live instance leads, and another takes over when the leader's connection goes.
 * A dropped connection is opened again after a pause; events sent meanwhile are missed, which the
 * consoles' half-minute keep-alive and the webchat's own reconnect (it reads from its watermark) cover.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Logger } from '../logging/logger';
import { BusListener, BusTopics, EventBus, LocalListeners, Topic } from './eventBus';

const CHANNEL = 'advice_events';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;
const RECONNECT_MS = 1000;
/** The two-key form keeps this lock apart from any single-key lock (the migrations take one). */
const LEAD_LOCK = "hashtext('family-advice'), hashtext('housekeeping')";

interface Envelope {
  o: string;
  t: Topic;
  p: unknown;
}

export class PostgresEventBus implements EventBus {
  private readonly origin = randomUUID();
  private readonly listeners = new LocalListeners();
  private connection: Promise<Client>;
  private queue: Promise<void> = Promise.resolve();
  private leading = false;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    this.connection = this.connect();
  }

  /** Listening before it returns, so nothing published after start-up is missed. */
  static async open(url: string, logger: Logger): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(url, logger);
    await bus.connection;
    return bus;
  }

  publish<T extends Topic>(topic: T, payload: BusTopics[T]): void {
    const text = JSON.stringify({ o: this.origin, t: topic, p: payload } satisfies Envelope);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      this.logger.warn({ topic, bytes: Buffer.byteLength(text) }, 'event bus: an event too big for NOTIFY was not sent');
      return;
    }
    this.inTurn((client) => client.query('SELECT pg_notify($1, $2)', [CHANNEL, text])).catch((error: unknown) =>
      this.logger.warn({ err: error, topic }, 'event bus: could not send an event'),
    );
  }

  subscribe<T extends Topic>(topic: T, listener: BusListener<T>): () => void {
    return this.listeners.add(topic, listener);
  }

  async leads(): Promise<boolean> {
    if (this.leading) return true;
    try {
      const { rows } = await this.inTurn((client) => client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LEAD_LOCK}) AS ok`));
      this.leading = rows[0].ok;
    } catch (error) {
      this.logger.warn({ err: error }, 'event bus: could not ask for the housekeeping lock');
    }
    return this.leading;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = await this.connection.catch(() => undefined);
    // Ending the session also lets go of the housekeeping lock, so another instance can lead.
    await client?.end().catch(() => undefined);
  }

  /** One query at a time on the connection, in the order asked: events arrive in the order they were published. */
  private inTurn<R>(query: (client: Client) => Promise<R>): Promise<R> {
    const result = this.queue.then(() => this.connection).then(query);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: 'advice-events' });
    client.on('error', (error) => this.logger.warn({ err: error }, 'event bus: connection failed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.receive(message.payload);
    });
    client.on('end', () => this.reconnectLater());
    return client;
  }

  private reconnectLater(): void {
    this.leading = false;
    if (this.closed) return;
    this.connection = new Promise<void>((resolve) => setTimeout(resolve, RECONNECT_MS).unref()).then(() => this.connect());
    this.connection.catch((error: unknown) => {
      this.logger.warn({ err: error }, 'event bus: could not reconnect');
      this.reconnectLater();
    });
  }

  private receive(text: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === this.origin) return;
    try {
      this.listeners.deliver(envelope.t, envelope.p);
    } catch (error) {
      this.logger.error({ err: error, topic: envelope.t }, 'event bus: a listener failed');
    }
  }
}
