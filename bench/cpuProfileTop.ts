/**
 * The functions with the most self time in a V8 CPU profile (node --cpu-prof), for `npm run bench`
 * with BENCH_CPU_PROF=DIR: where a bot's own CPU went, idle time left out, the garbage collector in.
 */
import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  /** Share of the busy (not idle) time. */
  share: number;
}

export function topSelfTime(file: string, count = 10): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nameOf = new Map(
    profile.nodes.map((n) => {
      const { functionName, url, lineNumber } = n.callFrame;
      const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/dist\//, 'dist/');
      return [n.id, `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`.trim()];
    }),
  );
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = nameOf.get(id) ?? '?';
    micros.set(name, (micros.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  micros.delete('(idle)');
  const busy = [...micros.values()].reduce((a, b) => a + b, 0);
  return [...micros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
}
