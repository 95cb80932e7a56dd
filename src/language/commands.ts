/**
 * Recognises the commands that work anywhere ("help", "start again", "talk to a person",
 * "easy read", "delete my data"), the carriers' opt-out words, and small talk ("hello", "thanks") from knowledge/commands.yaml: the whole message is the
 * command, a near spelling of it, or a short message that contains a multi-word command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { KNOWLEDGE_DIR } from '../paths';
import { plainWords } from './plainWords';
import { timed } from '../metrics/turnTimings';

export const COMMANDS = ['help', 'menu', 'back', 'person', 'easy_read', 'standard_words', 'delete_data', 'leave_message', 'end_chat', 'opt_out', 'hello', 'thanks', 'bye'] as const;
export type Command = (typeof COMMANDS)[number];

const commandsSchema = z.object(Object.fromEntries(COMMANDS.map((c) => [c, z.array(z.string().min(1)).min(1)])) as Record<Command, z.ZodArray<z.ZodString>>).strict();

/** A message this long or shorter may contain a command among other words ("please can I talk to a person"). */
const MAX_WORDS_AROUND_COMMAND = 8;
/** Words around a command that change nothing: "ok bye", "please can you help", "thanks then x". */
const LEADING_FILLER = /^(?:(?:please|pls|can you|could you|ok|okay|oh|right|alright|well) )+/;
const TRAILING_FILLER = /(?: (?:please|pls|then|x+))+$/;
/** Only these may be found inside a longer message: "go back" or "help" inside a sentence mean something else. */
const FOUND_INSIDE: readonly Command[] = ['person', 'menu', 'delete_data', 'easy_read', 'leave_message', 'end_chat'];


export class CommandRecogniser {
  private readonly phrases: { command: Command; phrase: string }[];

  constructor(lists: Record<Command, string[]>) {
    this.phrases = COMMANDS.flatMap((command) => lists[command].map((p) => ({ command, phrase: plainWords(p) })));
  }

  static load(file = join(KNOWLEDGE_DIR, 'commands.yaml')): CommandRecogniser {
    const parsed = commandsSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new CommandRecogniser(parsed.data as Record<Command, string[]>);
  }

  recognise(text: string): Command | undefined {
    return timed('commands', () => this.find(text));
  }

  private find(text: string): Command | undefined {
    const said = plainWords(text).replace(LEADING_FILLER, '').replace(TRAILING_FILLER, '');
    if (!said) return undefined;
    const exact = this.phrases.find((p) => p.phrase === said);
    if (exact) return exact.command;
    const near = this.phrases.find(
      (p) => p.phrase.length >= 5 && Math.abs(p.phrase.length - said.length) <= p.phrase.length / 6 && distance(p.phrase, said) <= Math.floor(p.phrase.length / 6),
    );
    if (near) return near.command;
    if (said.split(' ').length > MAX_WORDS_AROUND_COMMAND) return undefined;
    const inside = this.phrases.find((p) => FOUND_INSIDE.includes(p.command) && p.phrase.includes(' ') && ` ${said} `.includes(` ${p.phrase} `));
    return inside?.command;
  }
}
