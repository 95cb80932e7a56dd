/** Reads a JSON-lines evaluation file. */
import { readFileSync } from 'node:fs';

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
