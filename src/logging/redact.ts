/**
 * Removes personal data that may slip into log lines (error messages, ids): phone numbers,
 * email addresses and UK postcodes. User messages themselves are never logged.
 */
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;
const PHONE = /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/g;

export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(POSTCODE, '[postcode]').replace(PHONE, '[phone]');
}

export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: redactPersonalData(value.message), stack: value.stack && redactPersonalData(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}
