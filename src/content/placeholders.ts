/**
 * Service details (phone numbers, hours, links) live in configuration, not in article text.
 * Articles and responses name them as {{placeholders}}; this fills them in.
 */
const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

export type PlaceholderValues = Readonly<Record<string, string>>;

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}
