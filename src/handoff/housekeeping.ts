/**
 * Jobs that run while the server is up: people waiting too long (or when webchat closes) are
 * offered other routes, and transcripts, advisers' notes, messages, feedback, topics asked, the audit log and conversation state older than
 * RETENTION_DAYS are purged. With several instances only the one that leads runs them, so each runs once.
 */
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { FeedbackStore } from '../storage/feedbackStore';
import { TopicStore } from '../storage/topicStore';
import { SqlStorage } from '../storage/sqlStorage';
import { HandoffService } from './handoffService';
import { HandoffStore } from './handoffStore';
import { NoteStore } from './noteStore';
import { AuditLog } from '../web/advisers/auditLog';
import { TranscriptStore } from './transcriptStore';

const SWEEP_EVERY_MS = 30 * 1000;
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface HousekeepingParts {
  handoffs: HandoffService;
  transcripts: TranscriptStore;
  handoffStore: HandoffStore;
  notes: NoteStore;
  audit: AuditLog;
  feedback: FeedbackStore;
  topics: TopicStore;
  /** Conversation and user state: what a family typed in answer to the bot lives here too. */
  state: SqlStorage;
  /** Wipes what the database still holds of the purged rows. */
  afterPurge?: () => Promise<void>;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Whether this instance runs the jobs that must run once across instances (src/events/eventBus.ts); a lone one always does. */
  leads?: () => Promise<boolean>;
}

/** Deletes everything kept longer than the retention period; returns how much went. */
export async function purgeExpired(parts: HousekeepingParts): Promise<{ transcript: number; handoffs: number; messages: number; notes: number; audit: number; feedback: number; topics: number; state: number }> {
  const cutoff = new Date(parts.now().getTime() - parts.config.RETENTION_DAYS * DAY_MS);
  const result = {
    transcript: await parts.transcripts.purgeBefore(cutoff),
    ...(await parts.handoffStore.purgeBefore(cutoff)),
    notes: await parts.notes.purgeBefore(cutoff),
    audit: await parts.audit.purgeBefore(cutoff),
    feedback: await parts.feedback.purgeBefore(cutoff),
    topics: await parts.topics.purgeBefore(cutoff),
    state: await parts.state.purgeBefore(cutoff),
  };
  await parts.afterPurge?.();
  parts.logger.info({ ...result, retentionDays: parts.config.RETENTION_DAYS }, 'purged data past its retention period');
  return result;
}

export function startHousekeeping(parts: HousekeepingParts): { stop: () => void } {
  const leads = parts.leads ?? (async () => true);
  const sweep = async () => {
    try {
      if (await leads()) await parts.handoffs.sweep();
    } catch (error) {
      parts.logger.error({ err: error }, 'handoff sweep failed');
    }
  };
  const purge = async () => {
    try {
      if (await leads()) await purgeExpired(parts);
    } catch (error) {
      parts.logger.error({ err: error }, 'retention purge failed');
    }
  };
  void purge();
  const timers = [setInterval(sweep, SWEEP_EVERY_MS), setInterval(purge, PURGE_EVERY_MS)];
  timers.forEach((t) => t.unref());
  return { stop: () => timers.forEach(clearInterval) };
}
