/**
 * `npm run eval:search`: how search does on the held-out questions (never trained on), the shared
 * development set and the other evaluation sets: top-1, top-3, how often it is sure and right when
 * sure, how often it answers as likely and is right then, off-topic messages given an article by
 * mistake (and answered with one), vague messages answered with one article, and the reliability curve (predicted probability against how
 * often the first result was right). Totals only, never message by message.
 * Embeddings of the evaluation messages are kept in build/ so a second run is quick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { createKnowledgeServices } from '../knowledgeServices';
import { PROJECT_ROOT } from '../paths';
import { UniversalSentenceEncoder } from '../safety/sentenceEncoder';
import { Clarifications } from '../search/clarifications';
import { LabelledQuestion, loadHeldOutCorpus } from '../search/questionCorpus';
import { formatMeasures, formatReliability, Judged, measure, reliability } from '../search/searchMetrics';
import { StoredEncoder } from '../search/storedEncoder';
import { HybridSearch } from '../search/hybridSearch';
import { runCommand } from './args';

export const EVAL_EMBEDDINGS_FILE = join(PROJECT_ROOT, 'build', 'search-eval-embeddings.json');

export function readEvaluationSet(file: string): LabelledQuestion[] {
  return readFileSync(join(PROJECT_ROOT, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; ids?: string[] })
    .map((c) => ({ text: c.text, ids: c.ids ?? [] }));
}

/** How search does on each case; a likely answer counts as one only where the bot gives it (not a close pair of clarify.yaml). */
export async function judge(search: HybridSearch, cases: readonly LabelledQuestion[], clarifications?: Clarifications): Promise<Judged[]> {
  const judged: Judged[] = [];
  for (const c of cases) {
    const o = await search.search(c.text, 5);
    const got = o.results.map((r) => r.id);
    const likely = o.confidence === 'likely' && !clarifications?.between(got[0], got[1]);
    judged.push({ want: c.ids, vague: c.vague, got, sure: o.confidence === 'sure', likely, probability: o.probability });
  }
  return judged;
}

if (require.main === module) {
  runCommand(async () => {
    let model: Promise<UniversalSentenceEncoder> | undefined;
    const encoder = new StoredEncoder(() => (model ??= UniversalSentenceEncoder.load()), EVAL_EMBEDDINGS_FILE);
    const { search, clarifications } = createKnowledgeServices(loadConfig({}), { encoder });
    const heldOut = loadHeldOutCorpus();
    const sets: [string, LabelledQuestion[]][] = [
      ['held-out questions and off-topic', [...heldOut.questions, ...heldOut.offTopic]],
      ['held-out vague messages', heldOut.vague],
      ['retrieval-dev', readEvaluationSet('test/fixtures/shared/retrieval-dev.jsonl')],
      ['retrieval-extra', readEvaluationSet('test/fixtures/retrieval-extra.jsonl')],
      ['retrieval-more', readEvaluationSet('test/fixtures/retrieval-more.jsonl')],
      ['retrieval-blind', readEvaluationSet('test/fixtures/retrieval-blind.jsonl')],
      ['off-topic (fixtures)', readEvaluationSet('test/fixtures/off-topic.jsonl')],
    ];
    for (const [name, cases] of sets) {
      const judged = await judge(search, cases, clarifications);
      console.log(formatMeasures(name, measure(judged)));
      if (name.startsWith('held-out') || name === 'retrieval-dev') console.log(formatReliability(reliability(judged)));
    }
    encoder.save();
  });
}
