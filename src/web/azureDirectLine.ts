/**
 * Exchanges the Direct Line secret for a token with Azure's Direct Line (POST {endpoint}/tokens/generate),
 * so the secret stays on the server and the browser only ever sees a short-lived token.
 */
import { z } from 'zod';
import { Logger } from '../logging/logger';
import { fail, Outcome } from './jsonErrors';
import { newUserId } from './directline/randomIds';

const AZURE_TIMEOUT_MS = 10_000;

const azureTokenSchema = z.looseObject({
  token: z.string().min(1),
  conversationId: z.string().optional(),
  expires_in: z.number().optional(),
});

export async function azureToken(endpoint: string, secret: string, logger: Logger): Promise<Outcome<{ token: string }>> {
  try {
    const response = await fetch(`${endpoint.replace(/\/$/, '')}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      // A user id embedded in the token (Azure requires the "dl_" prefix) cannot be changed by the page.
      body: JSON.stringify({ user: { id: newUserId() } }),
      signal: AbortSignal.timeout(AZURE_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      logger.warn({ status: response.status }, 'azure direct line refused to generate a token');
      return fail(502, 'ServiceError', 'The chat service is not available just now.');
    }
    const parsed = azureTokenSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      logger.warn({ problem: 'unexpected answer' }, 'azure direct line gave no token');
      return fail(502, 'ServiceError', 'The chat service is not available just now.');
    }
    return { ok: true, value: { token: parsed.data.token } };
  } catch (error) {
    logger.warn({ problem: (error as Error).name }, 'could not reach azure direct line');
    return fail(502, 'ServiceError', 'The chat service is not available just now.');
  }
}
