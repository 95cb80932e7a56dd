/**
 * Builds the read-only services every entry point shares (the bot, the CLI commands, tests):
 * the knowledge base, the sentence encoder (one per process, loaded on first use), search, the safety
 * detector, the bot's wording, the journeys' words, template letters, easy-read pictures, and the
 * service's hours and bank holidays.
 */
import { Config } from './config/config';
import { KnowledgeBase, loadKnowledgeBase } from './content/knowledgeBase';
import { Pictograms } from './content/pictograms';
import { PlaceholderValues } from './content/placeholders';
import { Responses } from './content/responses';
import { serviceDetails } from './content/serviceDetails';
import { ServiceHours } from './hours/serviceHours';
import { BankHolidays } from './hours/bankHolidays';
import { JourneyWording } from './content/journeyWording';
import { Letter, loadLetters } from './content/letters';
import { SafetyDetector } from './language/safetyDetector';
import { LanguageDetector } from './language/languageDetector';
import { LazyEncoder, sharedSentenceEncoder } from './language/lazyEncoder';
import { SafetyAssessor } from './language/safetyAssessment';
import { createSafetyAssessor } from './safety/createSafetyAssessor';
import { SentenceEncoder } from './safety/sentenceEncoder';
import { Clarifications } from './search/clarifications';
import { createHybridSearch } from './search/createHybridSearch';
import { HybridSearch } from './search/hybridSearch';
import { loadVocabulary } from './search/vocabulary';

export interface KnowledgeServices {
  config: Config;
  knowledge: KnowledgeBase;
  /** The sentence encoder every part that reads meaning shares (search, the safety model). */
  encoder: LazyEncoder;
  search: HybridSearch;
  /** Questions that tell easily confused topics apart. */
  clarifications: Clarifications;
  safety: SafetyDetector;
  /** What every message goes through (SafetyMiddleware) and what `ask` reports. */
  safetyAssessor: SafetyAssessor;
  responses: Responses;
  /** Other languages families write in, and the one line the bot has for each. */
  languages: LanguageDetector;
  hours: ServiceHours;
  holidays: BankHolidays;
  journeyWording: JourneyWording;
  letters: Letter[];
  /** Easy-read pictures, for channels that show them. */
  pictograms: Pictograms;
  serviceValues: PlaceholderValues;
}

export interface KnowledgeOptions {
  /** Another encoder (tests and evaluations use one backed by a disk cache). */
  encoder?: SentenceEncoder;
  /** Told when the safety model fails and the rules alone checked a message (the server logs it). */
  onSafetyModelFailure?: (error: unknown) => void;
}

export function createKnowledgeServices(config: Config, options: KnowledgeOptions = {}): KnowledgeServices {
  const knowledge = loadKnowledgeBase();
  const given = options.encoder;
  const encoder = given ? new LazyEncoder(async () => given) : sharedSentenceEncoder();
  const vocabulary = loadVocabulary();
  const serviceValues = serviceDetails(config);
  const holidays = new BankHolidays();
  const safety = new SafetyDetector(vocabulary.textspeak);
  return {
    config,
    knowledge,
    encoder,
    search: createHybridSearch(knowledge.articles, vocabulary, encoder, (text) => safety.normalise(text)),
    clarifications: Clarifications.load(undefined, new Set(knowledge.articles.map((a) => a.id))),
    safety,
    safetyAssessor: createSafetyAssessor(config, safety, encoder, options.onSafetyModelFailure),
    responses: Responses.load(serviceValues),
    languages: LanguageDetector.load(serviceValues, Object.keys(vocabulary.textspeak)),
    hours: new ServiceHours(config, holidays),
    holidays,
    journeyWording: JourneyWording.load(serviceValues),
    letters: loadLetters(),
    pictograms: Pictograms.load(),
    serviceValues,
  };
}
