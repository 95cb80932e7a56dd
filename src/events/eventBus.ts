/**
 * Live events between server instances: what one instance did that another may have to show now (a
 * line for an adviser's console, an adviser's words for a family's open webchat, a change in the queue,
 * who is at the console). One process on SQLite needs nothing more than an in-process emitter; several
 * instances on PostgreSQL share them with LISTEN/NOTIFY (postgresEventBus.ts). Payloads are ids and a few
 * small fields, never messages: a receiver reads the rows it needs, so nothing personal passes through,
 * and nothing comes near PostgreSQL's 8000-byte NOTIFY limit.
 */
import { EventEmitter } from 'node:events';

export interface BusTopics {
  /** Something the advisers' consoles show changed (HandoffService's events, by id). */
  handoff:
    | { kind: 'changed' }
    | { kind: 'line'; handoffId: number; conversationId: string; lineId: number }
    | { kind: 'alert'; handoffId: number; kinds: string[] }
    | { kind: 'typing'; handoffId: number };
  /** An adviser's console spoke, chose a status, or signed out. */
  presence: { adviser: string; seenAt: number; chosen: string } | { adviser: string; gone: true };
  /** A webchat conversation of the built-in Direct Line has a new or changed activity (or a typing one, which is never stored). */
  directline: { conversationId: string; activityId: string } | { conversationId: string; typing: Record<string, unknown> };
}

export type Topic = keyof BusTopics;
export type BusListener<T extends Topic> = (payload: BusTopics[T]) => void;

export interface EventBus {
  /** Tells every other instance; this instance's own listeners are never called back for it. */
  publish<T extends Topic>(topic: T, payload: BusTopics[T]): void;
  /** Events from the other instances on this topic, until the returned function is called. */
  subscribe<T extends Topic>(topic: T, listener: BusListener<T>): () => void;
  /**
   * Whether this instance should run the jobs that must run once across all instances (the retention
   * purge, the sweep of people waiting too long). Always true for a lone instance.
   */
  leads(): Promise<boolean>;
  close(): Promise<void>;
}

/** One process: there is nobody else to tell, and it always leads. */
export class InProcessEventBus implements EventBus {
  publish(): void {}

  subscribe(): () => void {
    return () => undefined;
  }

  async leads(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

/** Delivers a published event to the local listeners of its topic; shared by the buses that receive from elsewhere. */
export class LocalListeners {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open console and webchat stream may listen.
    this.emitter.setMaxListeners(0);
  }

  add<T extends Topic>(topic: T, listener: BusListener<T>): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  deliver(topic: Topic, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }
}
