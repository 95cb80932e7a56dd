/**
 * BotState writes with eTag "*" (last writer wins). These keep the eTag read at the start of
 * the turn, so two turns racing on one conversation cannot silently overwrite each other:
 * the later one fails with an eTag conflict and the user is asked to try again.
 */
import { BotState, calculateChangeHash, ConversationState, TurnContext, UserState } from 'botbuilder';

interface Seen {
  hash: string;
  eTag?: string;
}

// A TypeScript mixin needs a constructor type that takes any[].
type StateClass = new (...args: any[]) => BotState;

function keepingETags<T extends StateClass>(Base: T) {
  return class extends Base {
    private readonly seenKey = Symbol('optimisticState');
    private readonly deletedKey = Symbol('optimisticStateDeleted');

    /** Deleted state stays deleted: nothing the rest of this turn does is saved back. */
    override async delete(context: TurnContext): Promise<void> {
      context.turnState.set(this.deletedKey, true);
      await super.delete(context);
    }

    override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
      const state = (await super.load(context, force)) as Record<string, unknown>;
      // Later loads in the same turn return the cached, already changed state: only the first says what was stored.
      if (force || !context.turnState.has(this.seenKey)) {
        context.turnState.set(this.seenKey, { hash: calculateChangeHash(state), eTag: state.eTag as string | undefined });
      }
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      if (context.turnState.get(this.deletedKey)) return;
      const state = this.get(context) as Record<string, unknown> | undefined;
      const seen = context.turnState.get(this.seenKey) as Seen | undefined;
      if (!state || (!force && seen && seen.hash === calculateChangeHash(state))) return;
      const key = await this.storageKey(context);
      await this.storage.write({ [key]: { ...state, eTag: seen?.eTag ?? '*' } });
      const eTag = (await this.storage.read([key]))[key]?.eTag as string | undefined;
      state.eTag = eTag;
      context.turnState.set(this.seenKey, { hash: calculateChangeHash(state), eTag });
    }
  };
}

export class OptimisticConversationState extends keepingETags(ConversationState) {}
export class OptimisticUserState extends keepingETags(UserState) {}
