/** The search model and its data stay in step: trained on today's corpus, every text embedded, files valid. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/content/knowledgeBase';
import { SafetyDetector } from '../src/language/safetyDetector';
import { loadVocabulary } from '../src/search/vocabulary';
import { PROJECT_ROOT } from '../src/paths';
import { Clarifications } from '../src/search/clarifications';
import { corpusHash, indexTexts } from '../src/search/createHybridSearch';
import { EmbeddingStore } from '../src/search/embeddingStore';
import { loadTrainingCorpus } from '../src/search/questionCorpus';
import { loadSearchModel, SEARCH_EMBEDDINGS_FILE } from '../src/search/searchModel';

const articles = loadKnowledgeBase().articles;
const rules = new SafetyDetector(loadVocabulary().textspeak);
const texts = indexTexts(articles, loadTrainingCorpus(), (text) => rules.normalise(text));

describe('the search model', () => {
  it('was trained on the articles and training questions as they are now (else run npm run train:search)', () => {
    expect(loadSearchModel().trainedOn.hash).toBe(corpusHash(texts));
  });

  it('has every text of the meaning index embedded, so start-up needs no model run', () => {
    const store = new EmbeddingStore(SEARCH_EMBEDDINGS_FILE);
    expect(texts.filter((t) => !store.has(t.text))).toEqual([]);
  });

  it('keeps the question corpus split by its rule, with no message from an evaluation set', () => {
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/split-search-corpus.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has at least 20 training questions for every article', () => {
    const counts = new Map<string, number>();
    for (const q of loadTrainingCorpus().questions) counts.set(q.ids[0], (counts.get(q.ids[0]) ?? 0) + 1);
    expect(articles.filter((a) => (counts.get(a.id) ?? 0) < 20).map((a) => a.id)).toEqual([]);
  });

  it('names only real articles in clarifying questions', () => {
    expect(() => Clarifications.load(undefined, new Set(articles.map((a) => a.id)))).not.toThrow();
  });
});
