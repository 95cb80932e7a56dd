/**
 * The one place every message is checked for danger, at the top of the pipeline: before the
 * handoff relay, the transcript and the dialogs, so nothing can skip it. The assessment is kept
 * on the turn for whoever acts on it (the dialogs during a bot conversation, the relay during a
 * live chat with an adviser); the transcript stores its verdict, so nothing reads a message
 * through the detector again later.
 */
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { timed } from '../metrics/turnTimings';
import { NO_DANGER, SafetyAssessment, SafetyAssessor } from '../language/safetyAssessment';

const SAFETY_ASSESSMENT = Symbol('safetyAssessment');

export class SafetyMiddleware implements Middleware {
  constructor(private readonly assessor: SafetyAssessor) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const text = activity.type === ActivityTypes.Message ? (activity.text ?? '') : '';
    context.turnState.set(SAFETY_ASSESSMENT, text.trim() ? await timed('safety', () => this.assessor.assess(text)) : NO_DANGER);
    await next();
  }
}

/** This turn's assessment. Throws when the middleware did not run: a pipeline without it is a bug, not a safe default. */
export function assessmentOf(context: TurnContext): SafetyAssessment {
  const assessment = context.turnState.get(SAFETY_ASSESSMENT) as SafetyAssessment | undefined;
  if (!assessment) throw new Error('SafetyMiddleware did not run on this turn');
  return assessment;
}
