/** The contract files are copied into test/fixtures/shared; they must match the originals when those are present. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = join(__dirname, '..', '..', 'shared');
const copies: [string, string][] = [
  ['knowledge-topics.json', 'knowledge-topics.json'],
  ['eval/retrieval-dev.jsonl', 'retrieval-dev.jsonl'],
  ['eval/crisis-dev.jsonl', 'crisis-dev.jsonl'],
];

describe('copies of the shared contract files', () => {
  it.each(copies)('%s matches its copy', (original, copy) => {
    const copied = readFileSync(join(__dirname, 'fixtures', 'shared', copy), 'utf8');
    if (existsSync(join(shared, original))) expect(copied).toBe(readFileSync(join(shared, original), 'utf8'));
    else expect(copied.length).toBeGreaterThan(0);
  });
});
