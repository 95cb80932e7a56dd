/**
 * Conversation and user state kept in the database (SQLite or PostgreSQL), honouring eTags: the eTag read at the start of a
 * turn goes back with the write, so two turns racing on one conversation cannot silently
 * overwrite each other (the later one fails and the user is asked to try again). botbuilder's
 * BotState writes with eTag "*" instead. Changes are detected by comparing native JSON, which is
 * much cheaper per turn than botbuilder's hashing.
 */
import { BotState, TurnContext } from 'botbuilder';
import { timed } from '../metrics/turnTimings';
import { NEW_ITEM, SqlStorage } from './sqlStorage';

interface Cached {
  state: Record<string, unknown>;
  /** The state as stored, to tell whether the turn changed it. */
  json: string;
  eTag?: string;
}

function withoutETag(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

abstract class SqlBotState extends BotState {
  private readonly cacheKey = Symbol('sqlBotState');
  private readonly deletedKey = Symbol('sqlBotStateDeleted');

  protected constructor(private readonly store: SqlStorage, storageKey: (context: TurnContext) => Promise<string>) {
    super(store, storageKey);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (cached && !force) return cached.state;
    return timed('state load', async () => {
      const stored = await this.store.readJson(await this.storageKey(context));
      // The stored JSON is what withoutETag() wrote, so it serves as the turn's "unchanged" copy without a second stringify.
      const state = stored ? { ...(JSON.parse(stored.json) as Record<string, unknown>), eTag: stored.eTag } : {};
      context.turnState.set(this.cacheKey, { state, json: stored?.json ?? '{}', eTag: stored?.eTag } satisfies Cached);
      return state;
    });
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return (context.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }

  override async clear(context: TurnContext): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    context.turnState.set(this.cacheKey, { state: {}, json: '', eTag: cached?.eTag } satisfies Cached);
  }

  /** Deleted state stays deleted: nothing the rest of this turn does is saved back. */
  override async delete(context: TurnContext): Promise<void> {
    context.turnState.set(this.deletedKey, true);
    context.turnState.delete(this.cacheKey);
    await this.store.delete([await this.storageKey(context)]);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return timed('state save', async () => {
      if (context.turnState.get(this.deletedKey)) return;
      const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
      if (!cached) return;
      const json = withoutETag(cached.state);
      if (!force && json === cached.json) return;
      const eTag = await this.store.writeJson(await this.storageKey(context), json, cached.eTag ?? NEW_ITEM);
      cached.state.eTag = eTag;
      context.turnState.set(this.cacheKey, { state: cached.state, json, eTag } satisfies Cached);
    });
  }
}

export class OptimisticConversationState extends SqlBotState {
  constructor(storage: SqlStorage) {
    super(storage, async (context) => {
      const { channelId, conversation } = context.activity;
      if (!channelId || !conversation?.id) throw new Error('ConversationState: the activity has no channelId or conversation.id');
      return `${channelId}/conversations/${conversation.id}/`;
    });
  }
}

export class OptimisticUserState extends SqlBotState {
  constructor(storage: SqlStorage) {
    super(storage, async (context) => {
      const { channelId, from } = context.activity;
      if (!channelId || !from?.id) throw new Error('UserState: the activity has no channelId or from.id');
      return `${channelId}/users/${from.id}/`;
    });
  }
}
