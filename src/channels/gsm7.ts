/**
 * SMS in the GSM 7-bit alphabet: one segment holds 160 characters (153 when a message takes
 * several), against 70 (67) once a single character outside it, such as a curly apostrophe,
 * turns the whole message into UCS-2. The service pays per segment, so text for SMS is mapped
 * into GSM-7 first and counted here.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that need an escape, so count twice. */
const EXTENDED = '^{}\\[~]|€';
const GSM = new Set([...BASIC, ...EXTENDED]);

const SUBSTITUTES: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2022\u00b7\u25cf\u25aa]/g, '-'],
  [/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' '],
  [/\u00d7/g, 'x'],
];

/** The text in GSM-7: typographic marks become their plain forms, accents their base letters, anything else goes. */
export function toGsm7(text: string): string {
  let out = text;
  for (const [pattern, plain] of SUBSTITUTES) out = out.replace(pattern, plain);
  return [...out]
    .map((char) => {
      if (GSM.has(char)) return char;
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      return [...base].every((c) => GSM.has(c)) ? base : '';
    })
    .join('')
    .replace(/ {2,}/g, ' ');
}

export function isGsm7(text: string): boolean {
  return [...text].every((c) => GSM.has(c));
}

/** How many SMS segments the text takes. */
export function smsSegments(text: string): number {
  if (!text) return 0;
  if (!isGsm7(text)) {
    const units = text.length;
    return units <= 70 ? 1 : Math.ceil(units / 67);
  }
  const septets = [...text].reduce((n, c) => n + (EXTENDED.includes(c) ? 2 : 1), 0);
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/** The most GSM-7 characters that fit in this many segments. */
export function gsm7Capacity(segments: number): number {
  return segments <= 1 ? 160 : segments * 153;
}
