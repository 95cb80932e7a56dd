/** Reads the few flags the contract commands take (--json, --stdin, --at VALUE); anything else is an error. */
export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  rest: string[];
}

export function parseArgs(argv: string[], flagNames: string[], valueNames: string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name !== undefined && flagNames.includes(name)) parsed.flags.add(name);
    else if (name !== undefined && valueNames.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      parsed.values.set(name, value);
    } else if (name !== undefined && name !== '') throw new Error(`Unknown option --${name}`);
    else parsed.rest.push(arg);
  }
  return parsed;
}

/** Runs a command, printing a one-line error and exiting 2 on bad usage instead of a stack trace. */
export async function runCommand(main: () => Promise<void> | void): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
