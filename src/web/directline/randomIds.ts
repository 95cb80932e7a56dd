/** Random, opaque identifiers for the local Direct Line: conversation ids, tokens and stream tickets. */
import { randomBytes } from 'node:crypto';

/** URL-safe random text with `bytes` bytes of entropy. */
export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export const newConversationId = () => randomId(16);
export const newToken = () => randomId(32);
export const newUserId = () => `dl_${randomId(12)}`;
