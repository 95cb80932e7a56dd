/** For the benchmark's child processes: stop on SIGTERM or SIGINT, or when the parent closes our stdin (it has gone away). */
export function stopWhenAsked(close: () => Promise<void>): void {
  const stop = () => void close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop).resume();
}
