/** Gathers what the conversation already knows into the summary an adviser reads before saying hello. */
import { HandoffSummary } from '../src/handoff/handoffSummary';
import { ConversationData } from './conversationData';
import { DialogServices } from './dialogServices';

export type HandoffReason = HandoffSummary['reason'];

export function buildHandoffSummary(services: DialogServices, data: ConversationData, channel: string, reason: HandoffReason, inTheirWords?: string): HandoffSummary {
  const journey = data.journey;
  const journeyName = journey ? services.journeyWording.journey(journey.id as never)?.button : undefined;
  const seen = [...new Set(data.topics ?? [])];
  const lastArticle = data.lastArticleId ? services.knowledge.get(data.lastArticleId)?.title : undefined;
  return {
    reason,
    topic: journeyName ?? lastArticle ?? inTheirWords ?? 'Not known yet',
    inTheirWords,
    journey: journey && journeyName ? { name: journeyName, answers: journey.answers } : undefined,
    childrenAges: journey?.answers.ages,
    keyDates: journey?.keyDate ? [{ event: journey.keyDate.event, date: journey.keyDate.date }] : [],
    urgent: Boolean(journey?.urgent) || reason === 'safety' || reason === 'urgent-date' || (data.safetyFlags ?? []).length > 0,
    safetyFlags: data.safetyFlags ?? [],
    accessibility: data.easyRead ? ['easy read'] : [],
    channel,
    articlesSeen: seen,
    articleTitles: seen.map((id) => services.knowledge.get(id)?.title ?? id),
  };
}

/** Whether the adviser still needs to ask what it is about. */
export function topicKnown(data: ConversationData): boolean {
  return Boolean(data.journey || data.lastArticleId);
}
