/** Every guided journey, in menu order. */
import { assessmentJourney } from './assessmentJourney';
import { childProtectionJourney } from './childProtectionJourney';
import { complaintJourney } from './complaintJourney';
import { courtJourney } from './courtJourney';
import { JourneyDefinition } from './journeyTypes';
import { kinshipJourney } from './kinshipJourney';
import { section20Journey } from './section20Journey';

export const JOURNEYS: readonly JourneyDefinition[] = [childProtectionJourney, courtJourney, kinshipJourney, assessmentJourney, section20Journey, complaintJourney];
