// Rebuilds the search question corpus in knowledge/search/ from its own lines plus any new JSONL files named
// on the command line. A line with "id" (or "ids", best first) is a question an article answers; a line with
// "vague": true is about the topics but does not say enough to pick one article (search should ask, not
// answer); a line with none of these is off-topic or out of scope. Each message's side (training or held out) depends only on a hash of
// its own text, so adding messages never moves an old one: the held-out part stays unseen while the corpus grows.
// Messages that repeat one of the evaluation sets (test/fixtures) are refused, so those stay unseen too.
//   node scripts/split-search-corpus.mjs [new-messages.jsonl ...]
//   node scripts/split-search-corpus.mjs --check   (exit 1 if the files are not exactly what the rule gives)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const HELDOUT_SHARE = 0.3;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'knowledge/search');
const files = {
  questions: join(dir, 'questions.jsonl'),
  questionsHeldout: join(dir, 'questions-heldout.jsonl'),
  offTopic: join(dir, 'off-topic.jsonl'),
  offTopicHeldout: join(dir, 'off-topic-heldout.jsonl'),
  vague: join(dir, 'vague.jsonl'),
  vagueHeldout: join(dir, 'vague-heldout.jsonl'),
};
const topics = JSON.parse(readFileSync(join(root, 'test/fixtures/shared/knowledge-topics.json'), 'utf8')).topics.map((t) => t.id);
const articleId = z.enum(topics);

const Line = z
  .object({ text: z.string().trim().min(1), id: articleId.optional(), ids: z.array(articleId).min(1).optional(), vague: z.literal(true).optional() })
  .strict()
  .refine((l) => !(l.id && l.ids), { message: 'give "id" or "ids", not both' })
  .refine((l) => !(l.vague && (l.id || l.ids)), { message: 'a vague message has no "id" or "ids"' });

// Two messages that differ only in case, spacing or punctuation count as the same message.
const sameMessageKey = (text) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function isHeldOut(text) {
  return createHash('sha256').update(sameMessageKey(text)).digest().readUInt32BE(0) < HELDOUT_SHARE * 2 ** 32;
}

function readLines(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    const where = `${path}:${index + 1}`;
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    const result = Line.safeParse(parsed);
    if (!result.success) throw new Error(`${where}: ${result.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ')}`);
    const { text, id, ids, vague } = result.data;
    return [{ text, ids: ids ?? (id ? [id] : []), vague: vague === true }];
  });
}

const evaluationKeys = new Set(
  [join(root, 'test/fixtures'), join(root, 'test/fixtures/shared')]
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.jsonl')).map((f) => join(d, f)))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => sameMessageKey(JSON.parse(l).text))),
);

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const seen = new Map();
for (const path of [...Object.values(files), ...args.filter((a) => a !== '--check')]) {
  for (const line of readLines(path)) {
    const key = sameMessageKey(line.text);
    if (evaluationKeys.has(key)) throw new Error(`${path}: ${JSON.stringify(line.text)} is in an evaluation set; write your own`);
    const earlier = seen.get(key);
    if (earlier && (earlier.ids.join() !== line.ids.join() || earlier.vague !== line.vague)) throw new Error(`${path}: ${JSON.stringify(line.text)} is labelled twice differently`);
    if (!earlier) seen.set(key, line);
  }
}

const toJsonl = (lines) =>
  lines
    .toSorted((a, b) => (a.ids[0] ?? '').localeCompare(b.ids[0] ?? '') || a.text.localeCompare(b.text))
    .map(({ text, ids, vague }) => JSON.stringify(vague ? { text, vague } : ids.length === 0 ? { text } : ids.length === 1 ? { text, id: ids[0] } : { text, ids }))
    .join('\n') + '\n';

const all = [...seen.values()];
const questions = all.filter((l) => l.ids.length);
const offTopic = all.filter((l) => !l.ids.length && !l.vague);
const vague = all.filter((l) => l.vague);
const output = {
  questions: toJsonl(questions.filter((l) => !isHeldOut(l.text))),
  questionsHeldout: toJsonl(questions.filter((l) => isHeldOut(l.text))),
  offTopic: toJsonl(offTopic.filter((l) => !isHeldOut(l.text))),
  offTopicHeldout: toJsonl(offTopic.filter((l) => isHeldOut(l.text))),
  vague: toJsonl(vague.filter((l) => !isHeldOut(l.text))),
  vagueHeldout: toJsonl(vague.filter((l) => isHeldOut(l.text))),
};
if (checkOnly) {
  const stale = Object.keys(files).filter((k) => !existsSync(files[k]) || readFileSync(files[k], 'utf8') !== output[k]);
  if (stale.length) {
    console.error(`knowledge/search: ${stale.join(', ')} not what the split rule gives; run the script`);
    process.exit(1);
  }
} else for (const k of Object.keys(files)) writeFileSync(files[k], output[k]);
const count = (jsonl) => jsonl.split('\n').filter(Boolean).length;
console.log(Object.entries(output).map(([k, v]) => `${k}: ${count(v)}`).join(', '));
