/**
 * Puts hybrid search together: the lunr index over the articles, and the meaning index over each
 * article's title, summary and phrases plus the training questions and off-topic examples, with their
 * embeddings read from models/search-embeddings.json (only texts not stored yet are embedded).
 */
import { createHash } from 'node:crypto';
import { SentenceEncoder } from '../safety/sentenceEncoder';
import { EmbeddingStore } from './embeddingStore';
import { HybridSearch } from './hybridSearch';
import { meaningText, Normaliser } from './meaningText';
import { OutOfScope } from './outOfScope';
import { loadTrainingCorpus, QuestionCorpus } from './questionCorpus';
import { loadSearchModel, SEARCH_EMBEDDINGS_FILE, SearchModel } from './searchModel';
import { SearchableArticle, SearchIndex } from './searchIndex';
import { OFF_TOPIC, SemanticIndex } from './semanticIndex';
import { Vocabulary } from './vocabulary';

export interface IndexText {
  text: string;
  article: number;
}

/** Every text the meaning index holds, as the encoder reads it, with the article it stands for. */
export function indexTexts(articles: readonly SearchableArticle[], corpus: QuestionCorpus, normalise: Normaliser): IndexText[] {
  const position = new Map(articles.map((a, i) => [a.id, i]));
  const own = articles.flatMap((a, i) => [a.title, a.summary, ...a.phrases].map((text) => ({ text, article: i })));
  const questions = corpus.questions.flatMap((q) => q.ids.filter((id) => position.has(id)).map((id) => ({ text: q.text, article: position.get(id) as number })));
  const offTopic = corpus.offTopic.map((q) => ({ text: q.text, article: OFF_TOPIC }));
  return [...own, ...questions, ...offTopic].map((t) => ({ ...t, text: meaningText(t.text, normalise) }));
}

/** What the model was trained on, so a test can tell when it needs training again. */
export const corpusHash = (texts: readonly IndexText[]): string =>
  createHash('sha256').update(texts.map((t) => `${t.article}\t${t.text}`).join('\n')).digest('hex').slice(0, 16);

export async function buildSemanticIndex(texts: readonly IndexText[], articleCount: number, store: EmbeddingStore, encoder: SentenceEncoder): Promise<SemanticIndex> {
  const vectors = await store.embedAll(texts.map((t) => t.text), encoder);
  return new SemanticIndex(texts.map((t, i) => ({ article: t.article, vector: vectors[i] })), articleCount);
}

export interface HybridSearchOptions {
  corpus?: QuestionCorpus;
  model?: SearchModel;
  embeddingsFile?: string;
}

export function createHybridSearch(articles: readonly SearchableArticle[], vocabulary: Vocabulary, encoder: SentenceEncoder, normalise: Normaliser, options: HybridSearchOptions = {}): HybridSearch {
  let semantic: Promise<SemanticIndex> | undefined;
  // Built on first use (in the background, for the server): reading and normalising two thousand texts is not free.
  const build = async () => {
    const texts = indexTexts(articles, options.corpus ?? loadTrainingCorpus(), normalise);
    return buildSemanticIndex(texts, articles.length, new EmbeddingStore(options.embeddingsFile ?? SEARCH_EMBEDDINGS_FILE), encoder);
  };
  return new HybridSearch(
    new SearchIndex(articles, vocabulary),
    articles,
    () => (semantic ??= build()),
    options.model ?? loadSearchModel(),
    encoder,
    normalise,
    OutOfScope.load(),
  );
}
