/**
 * Direct Line tokens of the local service: random and opaque (nothing to decode or forge), each
 * bound to one conversation, expiring after DIRECTLINE_TOKEN_MINUTES. Refreshing issues a new
 * token with a new expiry. Stream tickets are the one-use, 60-second credentials inside a
 * streamUrl, so that the long-lived token never appears in a URL.
 */
import { newToken, randomId } from './randomIds';

export interface TokenGrant {
  conversationId: string;
  /** The user the token speaks for ("dl_..."), when it was issued for one. */
  userId?: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; reason: 'unknown' | 'expired' };

const STREAM_TICKET_MS = 60_000;
/** More live tokens than this means something is wrong; the oldest are dropped. */
const MAX_TOKENS = 20_000;

export class TokenStore {
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly tickets = new Map<string, { conversationId: string; expiresAt: number }>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  get lifetimeSeconds(): number {
    return Math.round(this.lifetimeMs / 1000);
  }

  issue(conversationId: string, userId?: string): string {
    const token = newToken();
    this.tokens.set(token, { conversationId, userId, expiresAt: this.now() + this.lifetimeMs });
    while (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    return token;
  }

  check(token: string): TokenCheck {
    const grant = this.tokens.get(token);
    if (!grant) return { ok: false, reason: 'unknown' };
    if (grant.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  /** A new token for the same conversation and user, with a fresh expiry. The old one runs out as planned. */
  refresh(grant: TokenGrant): string {
    return this.issue(grant.conversationId, grant.userId);
  }

  issueStreamTicket(conversationId: string): string {
    const ticket = randomId(24);
    this.tickets.set(ticket, { conversationId, expiresAt: this.now() + STREAM_TICKET_MS });
    return ticket;
  }

  /** Uses up a stream ticket; true when it was valid for this conversation. */
  redeemStreamTicket(ticket: string, conversationId: string): boolean {
    const entry = this.tickets.get(ticket);
    if (!entry) return false;
    this.tickets.delete(ticket);
    return entry.conversationId === conversationId && entry.expiresAt > this.now();
  }

  /** Forgets expired tokens and tickets. */
  sweep(): void {
    const now = this.now();
    for (const [token, grant] of this.tokens) if (grant.expiresAt <= now) this.tokens.delete(token);
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket);
  }
}
