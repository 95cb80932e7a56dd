/**
 * Starting search costs no model run: every text of the meaning index comes embedded in
 * models/search-embeddings.json, and while the encoder loads, lunr alone answers instead of the
 * message waiting (issue 10: the server listens at once).
 */
import { loadKnowledgeBase } from '../src/content/knowledgeBase';
import { SafetyDetector } from '../src/language/safetyDetector';
import { Embedding, SentenceEncoder } from '../src/safety/sentenceEncoder';
import { createHybridSearch } from '../src/search/createHybridSearch';
import { loadVocabulary } from '../src/search/vocabulary';

const articles = loadKnowledgeBase().articles;
const vocabulary = loadVocabulary();
const rules = new SafetyDetector(vocabulary.textspeak);
const searchWith = (encoder: SentenceEncoder) => createHybridSearch(articles, vocabulary, encoder, (text) => rules.normalise(text));

/** Writes down every text it is asked to embed, and answers with a flat vector. */
class RecordingEncoder implements SentenceEncoder {
  readonly asked: string[] = [];
  async embed(texts: readonly string[]): Promise<Embedding[]> {
    this.asked.push(...texts);
    return texts.map(() => new Float32Array(512).fill(0.04));
  }
}

/** An encoder still loading: nothing it is asked ever comes back. */
const stillLoading: SentenceEncoder = { embed: () => new Promise<Embedding[]>(() => undefined) };

describe('search at start-up', () => {
  it('embeds nothing of the knowledge base or the questions: only one word, to check the encoder works', async () => {
    const encoder = new RecordingEncoder();
    await searchWith(encoder).warm();
    expect(encoder.asked).toEqual(['hello']);
  });

  it('answers from lunr alone while the encoder is still loading, without waiting for it', async () => {
    const search = searchWith(stillLoading);
    void search.warmInBackground();
    const outcome = await search.search('my nan has got an SGO for me', 3);
    expect(outcome.results[0].id).toBe('kin-special-guardianship');
    expect(outcome.probability).toBe(0);
  });

  it('still says it knows only England while the encoder is loading', async () => {
    const search = searchWith(stillLoading);
    void search.warmInBackground();
    expect(await search.search('we live in Cardiff and the social worker wants a meeting')).toMatchObject({ results: [], confidence: 'none', reason: 'elsewhere' });
  });

  it('uses the meaning as soon as it is loaded', async () => {
    const encoder = new RecordingEncoder();
    const search = searchWith(encoder);
    await search.warmInBackground();
    await search.search('my nan has got an SGO for me', 3);
    expect(encoder.asked).toHaveLength(2);
  });
});
