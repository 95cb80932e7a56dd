/**
 * Slows down password guessing: after too many failed sign-ins from one address (or for one
 * username) in a window, further attempts are refused until the window passes. Kept in memory:
 * a restart clears it, and nobody outside can make the server restart.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(keys: string[]): number {
    const now = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
      this.failures.set(key, recent);
      if (recent.length >= MAX_FAILURES) wait = Math.max(wait, Math.ceil((recent[0] + WINDOW_MS - now) / 1000));
    }
    return wait;
  }

  failed(keys: string[]): void {
    const now = this.now().getTime();
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }

  succeeded(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
