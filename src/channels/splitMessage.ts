/**
 * Splits text longer than a channel allows into several messages, at paragraph, line or
 * sentence ends where it can, so that each part still reads well on its own.
 */
export function splitMessage(text: string, maxLength: number): string[] {
  if (text.length <= maxLength) return [text];
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.trim());
    current = '';
  };
  for (const piece of pieces(text, maxLength)) {
    const joined = current ? `${current}${piece.separator}${piece.text}` : piece.text;
    if (joined.length <= maxLength) current = joined;
    else {
      push();
      current = piece.text;
    }
  }
  push();
  return parts;
}

interface Piece {
  text: string;
  separator: string;
}

/** Paragraphs, then lines, then sentences, then words: the largest units that fit. */
function pieces(text: string, maxLength: number): Piece[] {
  const levels: [RegExp, string][] = [
    [/\n\s*\n/, '\n\n'],
    [/\n/, '\n'],
    [/(?<=[.!?])\s+/, ' '],
    [/\s+/, ' '],
  ];
  const split = (chunk: string, level: number): Piece[] => {
    if (chunk.length <= maxLength || level >= levels.length) {
      return chunk.length <= maxLength ? [{ text: chunk, separator: levels[Math.max(0, level - 1)][1] }] : hardSplit(chunk, maxLength);
    }
    const [pattern, separator] = levels[level];
    return chunk.split(pattern).flatMap((c) => split(c, level + 1).map((p, i) => (i === 0 ? { ...p, separator } : p)));
  };
  return split(text, 0);
}

function hardSplit(chunk: string, maxLength: number): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < chunk.length; i += maxLength) out.push({ text: chunk.slice(i, i + maxLength), separator: ' ' });
  return out;
}
