// Rebuilds knowledge/safety/train.jsonl and heldout.jsonl from their own lines plus any new JSONL files
// named on the command line. Each message's side depends only on its own text (a hash), so adding messages
// never moves an old one between train and held-out: the held-out part stays unseen while the corpus grows.
// It refuses messages that copy the evaluation sets closely, so those sets keep measuring generalisation.
//   node scripts/split-safety-corpus.mjs [new-messages.jsonl ...]
//   node scripts/split-safety-corpus.mjs --check   (exit 1 if the files are not exactly what the rule gives)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DANGER_KINDS = [
  'child-hurt-now', 'violence-now', 'threat-at-door', 'suicide-intent', 'suicide-means-ready', 'goodbye-message',
  'self-harm-now', 'medical-baby-child', 'missing-child-now', 'child-alone-now', 'carer-unable-now',
  'intrusive-thoughts-harm-baby', 'injury-disclosure-fear-home-tonight', 'child-writing-about-self',
  'held-or-locked-in', 'other',
];
const NEAR_MISS_KINDS = [
  'past-event', 'legal-term', 'idiom', 'hypothetical', 'professional-assessment', 'worry-no-danger-now',
  'ended-since', 'question-about-process', 'other',
];
const STYLES = [
  'plain', 'text-speak', 'heavy-misspelling', 'dialect', 'very-short', 'long-story-danger-buried-in-middle',
  'several-messages-run-together', 'formal', 'all-caps', 'no-punctuation',
];
const HELDOUT_SHARE = 0.25;
// Share of distinct words in common (Jaccard) from which a message counts as a copy of an evaluation message.
const TOO_CLOSE = 0.45;

const Message = z.discriminatedUnion('label', [
  z.object({ text: z.string().trim().min(1), label: z.literal('danger'), kind: z.enum(DANGER_KINDS), style: z.enum(STYLES) }).strict(),
  z.object({ text: z.string().trim().min(1), label: z.literal('near-miss'), kind: z.enum(NEAR_MISS_KINDS), style: z.enum(STYLES) }).strict(),
]);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const trainPath = join(root, 'knowledge/safety/train.jsonl');
const heldoutPath = join(root, 'knowledge/safety/heldout.jsonl');
const evaluationFolders = [join(root, 'test/fixtures'), join(root, 'test/fixtures/shared'), join(root, '../shared/eval')];

class CorpusError extends Error {}

// Two messages that differ only in case, spacing or punctuation count as the same message.
const sameMessageKey = (text) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function isHeldOut(text) {
  const firstFourBytes = createHash('sha256').update(sameMessageKey(text)).digest().readUInt32BE(0);
  return firstFourBytes < HELDOUT_SHARE * 2 ** 32;
}

const wordsOf = (text) => new Set(sameMessageKey(text).split(' ').filter(Boolean));

function jaccard(a, b) {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function nonEmptyLines(path) {
  return readFileSync(path, 'utf8').split('\n').map((line, index) => ({ line, where: `${path}:${index + 1}` }))
    .filter(({ line }) => line.trim() !== '');
}

function parseJson({ line, where }) {
  try {
    return JSON.parse(line);
  } catch {
    throw new CorpusError(`${where}: not valid JSON`);
  }
}

function readMessages(path) {
  return nonEmptyLines(path).map((entry) => {
    const result = Message.safeParse(parseJson(entry));
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`);
      throw new CorpusError(`${entry.where}: ${problems.join('; ')}`);
    }
    return result.data;
  });
}

// Only the evaluation sets present here: ../shared/eval exists when the repository sits beside it.
function evaluationTexts() {
  return evaluationFolders.filter(existsSync).flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => /^crisis-.*\.jsonl$/.test(name))
      .flatMap((name) => nonEmptyLines(join(folder, name)).map((entry) => parseJson(entry).text)));
}

function mergeWithoutRepeats(messages) {
  const byKey = new Map();
  for (const message of messages) {
    const key = sameMessageKey(message.text);
    const earlier = byKey.get(key);
    if (earlier && (earlier.label !== message.label || earlier.kind !== message.kind)) {
      throw new CorpusError(`text: the same message has two different labels: ${JSON.stringify(message.text)}`);
    }
    if (!earlier) byKey.set(key, message);
  }
  return [...byKey.values()];
}

function refuseCopiesOfEvaluation(messages) {
  const evaluation = evaluationTexts().map((text) => ({ text, words: wordsOf(text) }));
  const copies = messages.flatMap((message) => {
    const words = wordsOf(message.text);
    const close = evaluation.find((other) => jaccard(words, other.words) >= TOO_CLOSE);
    return close ? [`  ${JSON.stringify(message.text)}\n    is too close to ${JSON.stringify(close.text)}`] : [];
  });
  if (copies.length > 0) {
    throw new CorpusError(`text: ${copies.length} messages copy an evaluation set too closely; rewrite them:\n${copies.join('\n')}`);
  }
}

function toJsonl(messages) {
  const byLabelKindText = (a, b) =>
    a.label.localeCompare(b.label) || a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text);
  return messages
    .toSorted(byLabelKindText)
    .map(({ text, label, kind, style }) => JSON.stringify({ text, label, kind, style }) + '\n')
    .join('');
}

function run(args) {
  const checkOnly = args.includes('--check');
  const newFiles = args.filter((arg) => arg !== '--check');
  const missing = newFiles.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new CorpusError(`no such file: ${missing.join(', ')}`);

  const existing = [trainPath, heldoutPath].filter(existsSync);
  const all = mergeWithoutRepeats([...existing, ...newFiles].flatMap(readMessages));
  refuseCopiesOfEvaluation(all);
  const train = toJsonl(all.filter((message) => !isHeldOut(message.text)));
  const heldout = toJsonl(all.filter((message) => isHeldOut(message.text)));

  if (checkOnly) {
    const current = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
    if (current(trainPath) !== train || current(heldoutPath) !== heldout) {
      throw new CorpusError('knowledge/safety: train.jsonl and heldout.jsonl are not what the split rule gives; run the script');
    }
  } else {
    writeFileSync(trainPath, train);
    writeFileSync(heldoutPath, heldout);
  }
  const heldOutCount = all.filter((message) => isHeldOut(message.text)).length;
  console.log(`${all.length} messages: ${all.length - heldOutCount} train, ${heldOutCount} held out`);
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CorpusError)) throw error;
  console.error(error.message);
  process.exit(1);
}
