/**
 * A message that plainly names a journey ("court", "help with child protection", "I'm a kinship
 * carer") starts it. Anything more than that is a question, and gets an answer instead.
 */
import { JOURNEY_IDS, JourneyId } from '../../src/content/letters';
import { JourneyWording } from '../../src/content/journeyWording';
import { plainWords } from '../../src/language/plainWords';

const FILLER = /^(?:please |pls |can you |could you |i need |i want |i would like |we need )?(?:some )?(?:help|advice|info|information)?(?: with| about| on)? ?/;


export function matchJourney(wording: JourneyWording, text: string): JourneyId | undefined {
  const said = plainWords(text).replace(FILLER, '').replace(/ please$/, '').trim();
  if (!said) return undefined;
  return JOURNEY_IDS.find((id) => wording.journey(id).triggers.some((trigger) => plainWords(trigger) === said));
}
