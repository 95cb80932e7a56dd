/**
 * Builds the read-only services every entry point shares (the bot, the CLI commands, tests):
 * the knowledge base, search, the safety detector, the bot's wording, the journeys' words,
 * template letters, easy-read pictures, and the service's hours and bank holidays.
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
import { RuleSafetyAssessor, SafetyAssessor } from './language/safetyAssessment';
import { SearchIndex } from './search/searchIndex';
import { loadVocabulary } from './search/vocabulary';

export interface KnowledgeServices {
  config: Config;
  knowledge: KnowledgeBase;
  search: SearchIndex;
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

export function createKnowledgeServices(config: Config): KnowledgeServices {
  const knowledge = loadKnowledgeBase();
  const vocabulary = loadVocabulary();
  const serviceValues = serviceDetails(config);
  const holidays = new BankHolidays();
  const safety = new SafetyDetector(vocabulary.textspeak);
  return {
    config,
    knowledge,
    search: new SearchIndex(knowledge.articles, vocabulary),
    safety,
    safetyAssessor: new RuleSafetyAssessor(safety),
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
