/** The small parts of hybrid search that are easy to get subtly wrong. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clarifications } from '../src/search/clarifications';
import { EmbeddingStore } from '../src/search/embeddingStore';
import { fuse, rerankFeatures, topIndexes } from '../src/search/fusion';
import { OutOfScope } from '../src/search/outOfScope';
import { SemanticIndex, OFF_TOPIC } from '../src/search/semanticIndex';
import { WordClassifier, wordFeatures } from '../src/search/wordClassifier';

describe('hybrid search parts', () => {
  it('finds the best few scores in order without sorting them all', () => {
    expect(topIndexes(Float32Array.from([0.1, 0.9, 0.5, 0.7, 0.2]), 3)).toEqual([1, 3, 2]);
    expect(topIndexes(Float32Array.from([0.3]), 5)).toEqual([0]);
  });

  it('fuses by reciprocal rank, counting only articles lunr found', () => {
    const inputs = { semantic: Float32Array.from([0.9, 0.1]), closest3: new Float32Array(2), topic: new Float32Array(2), keyword: Float32Array.from([0, 1]), words: new Float32Array(2) };
    const fused = fuse(inputs, { kind: 'rrf', k: 1 });
    expect(fused[0]).toBeCloseTo(1 / 2);
    expect(fused[1]).toBeCloseTo(1 / 3 + 1 / 2);
  });

  it("gives the re-ranker each article's place and distance behind the best, and no place to articles lunr did not find", () => {
    const inputs = { semantic: Float32Array.from([0.2, 0.8, 0.5]), closest3: new Float32Array(3), topic: Float32Array.from([-3, -0.1, -2]), keyword: Float32Array.from([1, 0, 0.5]), words: new Float32Array(3) };
    const rows = rerankFeatures(inputs, ['semanticBehind', 'semanticPlace', 'keywordPlace', 'topicProbability']);
    expect(rows[0][0]).toBeCloseTo(-0.6);
    expect(Array.from(rows, (r) => r[1])).toEqual([Math.fround(1 / 3), 1, 1 / 2]);
    expect(Array.from(rows, (r) => r[2])).toEqual([1, 0, 1 / 2]);
    expect(rows[1][3]).toBeCloseTo(Math.exp(-0.1));
  });

  it('learns which words, and pairs of words, name which topic, and leaves out words seen once', () => {
    expect(wordFeatures('My nan has had him since March')).toEqual(expect.arrayContaining(['nan', 'march', 'nan ha', 'ha had']));
    const texts = ['nan looks after him', 'my nan has him', 'lives with order for nan', 'court hearing next week', 'the court hearing is soon', 'court papers came', 'zebra'];
    const model = WordClassifier.train(texts, [0, 0, 0, 1, 1, 1, 1], 2);
    expect(model.toData().features).not.toContain('zebra');
    const [kinship, court] = model.logProbabilities('can my nan keep him');
    expect(kinship).toBeGreaterThan(court);
    expect(WordClassifier.fromData(model.toData()).logProbabilities('the hearing at court')).toEqual(model.logProbabilities('the hearing at court'));
  });

  it('scores each article by its closest text, apart from off-topic examples and left-out texts', () => {
    const index = new SemanticIndex(
      [
        { article: 0, vector: Float32Array.from([1, 0]) },
        { article: 1, vector: Float32Array.from([0, 1]) },
        { article: OFF_TOPIC, vector: Float32Array.from([0.6, 0.8]) },
      ],
      2,
    );
    const scores = index.scores(Float32Array.from([2, 0]));
    expect(Array.from(scores.articles)).toEqual([1, 0]);
    expect(scores.offTopic).toBeCloseTo(0.6);
    expect(index.scores(Float32Array.from([2, 0]), new Set([0])).articles[0]).toBe(-1);
  });

  it('stores embeddings in a quarter of the space with similarities kept to within 0.01', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'embeddings-')), 'store.json');
    const vector = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 1.7) * 0.1);
    const store = new EmbeddingStore(file);
    await store.embedAll(['a text'], { embed: async () => [vector] });
    store.save(['a text']);
    const [back] = await new EmbeddingStore(file).embedAll(['a text'], { embed: async () => [] });
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    expect(dot(back, vector) / Math.sqrt(dot(back, back) * dot(vector, vector))).toBeGreaterThan(0.99);
  });

  it('asks a pair question with the options in the order search ranked them', () => {
    const clarifications = new Clarifications([{ ids: ['a', 'b'], question: 'A or B?', labels: ['The A', 'The B'] }]);
    expect(clarifications.between('b', 'a')?.options).toEqual([
      { id: 'b', label: 'The B' },
      { id: 'a', label: 'The A' },
    ]);
    expect(clarifications.between('a', 'c')).toBeUndefined();
  });

  it('knows a place outside England by whole words only', () => {
    const places = new OutOfScope(['wales', 'northern ireland']);
    expect(places.elsewhere('we live in Wales now')).toBe(true);
    expect(places.elsewhere('we moved to Northern Ireland')).toBe(true);
    expect(places.elsewhere('my son loves whales')).toBe(false);
  });

  it('searches as usual when a message about a place outside England also names England', () => {
    const places = new OutOfScope(['wales'], ['england']);
    expect(places.elsewhere('we live in England and my sister in Wales wants to take the kids')).toBe(false);
  });
});
