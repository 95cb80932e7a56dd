/**
 * Labelled safety messages, read from JSON lines: the corpus in knowledge/safety/
 * ({"text","label":"danger"|"near-miss","kind","style"}), a safety evaluation set ({"text","crisis"}),
 * or a search evaluation set ({"text","ids"}), whose ordinary questions are no danger.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';

export interface LabelledMessage {
  text: string;
  danger: boolean;
  /** The corpus's kind of message (child-hurt-now, past-event, ...), where it says. */
  kind?: string;
}

const corpusLine = z
  .object({ text: z.string().min(1), label: z.enum(['danger', 'near-miss']), kind: z.string().optional() })
  .transform((l) => ({ text: l.text, danger: l.label === 'danger', kind: l.kind }));
const evaluationLine = z.object({ text: z.string().min(1), crisis: z.boolean() }).transform((l) => ({ text: l.text, danger: l.crisis }));
const questionLine = z.object({ text: z.string().min(1), ids: z.array(z.string()) }).transform((l) => ({ text: l.text, danger: false }));
const labelledLine = z.union([corpusLine, evaluationLine, questionLine]);

export function readLabelled(file: string): LabelledMessage[] {
  return readLines(file, labelledLine);
}

/** Ordinary messages (knowledge/ordinary/chat.jsonl, {"text"}): no danger, by what the file is. */
export function readOrdinary(file: string): LabelledMessage[] {
  return readLines(file, z.object({ text: z.string().min(1) }).transform((l) => ({ text: l.text, danger: false })));
}

function readLines(file: string, schema: z.ZodType<LabelledMessage, unknown>): LabelledMessage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim())
    .map(({ line, index }) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${describeZodError(parsed.error)}`);
      return parsed.data;
    });
}
