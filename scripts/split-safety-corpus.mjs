// Rebuilds knowledge/safety/train.jsonl and heldout.jsonl from their own lines plus any new JSONL files
// named on the command line. Each message's side depends only on its own text (a hash), so adding messages
// never moves an old one between train and held-out: the held-out part stays unseen while the corpus grows.
//   node scripts/split-safety-corpus.mjs [new-messages.jsonl ...]
//   node scripts/split-safety-corpus.mjs --check   (exit 1 if the files are not exactly what the rule gives)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

const Message = z.discriminatedUnion('label', [
  z.object({ text: z.string().trim().min(1), label: z.literal('danger'), kind: z.enum(DANGER_KINDS), style: z.enum(STYLES) }).strict(),
  z.object({ text: z.string().trim().min(1), label: z.literal('near-miss'), kind: z.enum(NEAR_MISS_KINDS), style: z.enum(STYLES) }).strict(),
]);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const trainPath = join(root, 'knowledge/safety/train.jsonl');
const heldoutPath = join(root, 'knowledge/safety/heldout.jsonl');

// Two messages that differ only in case, spacing or punctuation count as the same message.
const sameMessageKey = (text) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function isHeldOut(text) {
  const firstFourBytes = createHash('sha256').update(sameMessageKey(text)).digest().readUInt32BE(0);
  return firstFourBytes < HELDOUT_SHARE * 2 ** 32;
}

function readMessages(path) {
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
    const result = Message.safeParse(parsed);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`);
      throw new Error(`${where}: ${problems.join('; ')}`);
    }
    return [result.data];
  });
}

function toJsonl(messages) {
  const byLabelKindText = (a, b) =>
    a.label.localeCompare(b.label) || a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text);
  return messages
    .toSorted(byLabelKindText)
    .map(({ text, label, kind, style }) => JSON.stringify({ text, label, kind, style }))
    .join('\n') + '\n';
}

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const newFiles = args.filter((arg) => arg !== '--check');

const seen = new Map();
for (const path of [trainPath, heldoutPath, ...newFiles]) {
  for (const message of readMessages(path)) {
    const key = sameMessageKey(message.text);
    const earlier = seen.get(key);
    if (earlier && (earlier.label !== message.label || earlier.kind !== message.kind)) {
      throw new Error(`text: the same message is labelled twice differently: ${JSON.stringify(message.text)}`);
    }
    if (!earlier) seen.set(key, message);
  }
}

const all = [...seen.values()];
const train = toJsonl(all.filter((message) => !isHeldOut(message.text)));
const heldout = toJsonl(all.filter((message) => isHeldOut(message.text)));

if (checkOnly) {
  const unchanged = readFileSync(trainPath, 'utf8') === train && readFileSync(heldoutPath, 'utf8') === heldout;
  if (!unchanged) {
    console.error('knowledge/safety: train.jsonl and heldout.jsonl are not what the split rule gives; run the script');
    process.exit(1);
  }
} else {
  writeFileSync(trainPath, train);
  writeFileSync(heldoutPath, heldout);
}
const count = (jsonl) => jsonl.trim().split('\n').filter(Boolean).length;
console.log(`${all.length} messages: ${count(train)} train, ${count(heldout)} held out`);
