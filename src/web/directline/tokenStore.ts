/**
 * Direct Line tokens of the local service: random and opaque (nothing to decode or forge), each
 * bound to one conversation, expiring after DIRECTLINE_TOKEN_MINUTES. Refreshing issues a new
 * token with a new expiry. Tokens are kept in the database as SHA-256 hashes only (like adviser
 * sessions), so a restart keeps them and a copy of the database gives nobody a usable token. When
 * the cap is reached new tokens are refused, never old ones dropped.
 *
 * Stream tickets are the one-use, 60-second credentials inside a streamUrl, so that the long-lived
 * token never appears in a URL. They stay in memory: after a restart the client asks for a new
 * streamUrl with its token, as it does after any dropped connection (and on another instance,
 * which has its own).
 */
import { createHash } from 'node:crypto';
import { SqlClient } from '../../storage/sql/sqlClient';
import { newToken, randomId } from './randomIds';

export interface TokenGrant {
  conversationId: string;
  /** The user the token speaks for ("dl_..."), when it was issued for one. */
  userId?: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; reason: 'unknown' | 'expired' };

const STREAM_TICKET_MS = 60_000;
/** Live tokens in all; a flood from many addresses meets this, and then new tokens are refused. */
export const MAX_TOKENS = 20_000;
/** Unused stream tickets one conversation may hold; asking for more retires its own oldest. */
const TICKETS_PER_CONVERSATION = 5;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class TokenStore {
  private readonly tickets = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly ticketsOf = new Map<string, string[]>();

  constructor(
    private readonly sql: SqlClient,
    private readonly lifetimeMs: number,
    private readonly now: () => number,
    private readonly maxTokens = MAX_TOKENS,
  ) {}

  get lifetimeSeconds(): number {
    return Math.round(this.lifetimeMs / 1000);
  }

  /** A new token, or undefined when there are already as many live tokens as the cap allows. */
  async issue(conversationId: string, userId?: string): Promise<string | undefined> {
    const token = newToken();
    const issued = await this.sql.transaction(async (tx) => {
      await tx.lockInTransaction('directline_tokens');
      const live = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM directline_tokens WHERE expires_at > ?', [this.now()]))?.n ?? 0;
      if (live >= this.maxTokens) return false;
      await tx.run('INSERT INTO directline_tokens (token_hash, conversation_id, user_id, expires_at) VALUES (?, ?, ?, ?)', [sha256(token), conversationId, userId ?? null, this.now() + this.lifetimeMs]);
      return true;
    });
    return issued ? token : undefined;
  }

  async check(token: string): Promise<TokenCheck> {
    const row = await this.sql.get<{ conversation_id: string; user_id: string | null; expires_at: number }>(
      'SELECT conversation_id, user_id, expires_at FROM directline_tokens WHERE token_hash = ?',
      [sha256(token)],
    );
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.expires_at <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: { conversationId: row.conversation_id, userId: row.user_id ?? undefined, expiresAt: row.expires_at } };
  }

  /** A new token for the same conversation and user, with a fresh expiry. The old one runs out as planned. */
  refresh(grant: TokenGrant): Promise<string | undefined> {
    return this.issue(grant.conversationId, grant.userId);
  }

  issueStreamTicket(conversationId: string): string {
    const mine = this.ticketsOf.get(conversationId) ?? [];
    while (mine.length >= TICKETS_PER_CONVERSATION) this.tickets.delete(mine.shift()!);
    const ticket = randomId(24);
    this.tickets.set(ticket, { conversationId, expiresAt: this.now() + STREAM_TICKET_MS });
    mine.push(ticket);
    this.ticketsOf.set(conversationId, mine);
    return ticket;
  }

  /** Uses up a stream ticket; true when it was valid for this conversation. */
  redeemStreamTicket(ticket: string, conversationId: string): boolean {
    const entry = this.tickets.get(ticket);
    if (!entry) return false;
    this.forgetTicket(ticket, entry.conversationId);
    return entry.conversationId === conversationId && entry.expiresAt > this.now();
  }

  /** Forgets the tokens of conversations that are gone. */
  async forgetConversations(conversationIds: readonly string[]): Promise<void> {
    for (const id of conversationIds) await this.sql.run('DELETE FROM directline_tokens WHERE conversation_id = ?', [id]);
  }

  /** Forgets expired tokens and tickets. */
  async sweep(): Promise<void> {
    const now = this.now();
    await this.sql.run('DELETE FROM directline_tokens WHERE expires_at <= ?', [now]);
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.forgetTicket(ticket, entry.conversationId);
  }

  private forgetTicket(ticket: string, conversationId: string): void {
    this.tickets.delete(ticket);
    const rest = (this.ticketsOf.get(conversationId) ?? []).filter((t) => t !== ticket);
    if (rest.length) this.ticketsOf.set(conversationId, rest);
    else this.ticketsOf.delete(conversationId);
  }
}
