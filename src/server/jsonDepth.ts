/**
 * How deep a parsed JSON body goes. Bodies nested thousands deep overflow the stack in anything
 * that walks them recursively (JSON.stringify, zod, the bot's own code), so they are refused at the
 * edge. The walk here is iterative, so it cannot overflow itself.
 */

/** No activity the bot or Web Chat sends comes near this. */
export const MAX_JSON_DEPTH = 32;

/** The path of the first place deeper than `limit` (e.g. "value.a.0.b"), or undefined when the body is shallow enough. */
export function tooDeep(body: unknown, limit = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= limit) return path.join('.') || '(root)';
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}
