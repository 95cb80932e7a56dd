/**
 * SMS costs the service money per segment, and every message costs at least one. On SMS this
 * middleware gathers everything a turn sends into one message, in GSM-7, within the turn's
 * segment budget (the welcome, an answer and a journey's next steps each have one, from
 * configuration). What does not fit is kept, and "more" sends it. Other channels are untouched.
 */
import { Activity, ActivityTypes, Middleware, ResourceResponse, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Responses } from '../content/responses';
import { plainWords } from '../language/plainWords';
import { gsm7Capacity, smsSegments, toGsm7 } from './gsm7';

export type SmsBudgetKind = 'welcome' | 'answer' | 'next_steps' | 'other';
export type SmsBudgets = Record<SmsBudgetKind, number>;

const BUDGET = Symbol('smsBudget');
const MORE_WORDS = new Set(['more', 'rest', 'send more', 'send the rest', 'send me the rest', 'the rest']);

/** Says which budget this turn's messages come under: a turn that welcomes and answers may spend both. */
export function useSmsBudget(context: TurnContext, kind: SmsBudgetKind): void {
  const kinds = (context.turnState.get(BUDGET) as Set<SmsBudgetKind> | undefined) ?? new Set<SmsBudgetKind>();
  kinds.add(kind);
  context.turnState.set(BUDGET, kinds);
}

export class SmsComposerMiddleware implements Middleware {
  constructor(
    private readonly budgets: SmsBudgets,
    private readonly responses: Responses,
    /** Text kept for "more", in conversation state. */
    private readonly rest: StatePropertyAccessor<string | undefined>,
    private readonly saveState: (context: TurnContext) => Promise<void>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== 'sms') return next();
    // An adviser's words or a queue update: sent as they are, with no budget and nothing kept.
    const proactive = context.activity.type === ActivityTypes.Event && context.activity.name === 'ContinueConversation';
    const held = context.activity.type === ActivityTypes.Message ? await this.rest.get(context) : undefined;
    if (held && MORE_WORDS.has(plainWords(context.activity.text ?? ''))) {
      await this.send(context, [held], this.budgets.other);
      await this.saveState(context);
      return;
    }
    const texts: string[] = [];
    let composing = true;
    context.onSendActivities(async (_context, activities, send) => {
      if (!composing) return send();
      const others: Partial<Activity>[] = [];
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message && activity.text && !activity.attachments?.length) texts.push(activity.text);
        else others.push(activity);
      }
      const sent = others.length ? await send() : [];
      return activities.map((_a, i) => sent[i] ?? ({ id: '' } as ResourceResponse));
    });
    try {
      await next();
    } finally {
      composing = false;
      if (texts.length) {
        if (proactive) await context.sendActivity({ type: ActivityTypes.Message, text: toGsm7(texts.join('\n\n')).trim(), textFormat: 'plain' });
        else {
          await this.send(context, texts, this.budgetOf(context));
          await this.saveState(context);
        }
      }
    }
  }

  private budgetOf(context: TurnContext): number {
    const kinds = [...((context.turnState.get(BUDGET) as Set<SmsBudgetKind> | undefined) ?? [])];
    return kinds.length ? kinds.reduce((sum, kind) => sum + this.budgets[kind], 0) : this.budgets.other;
  }

  /**
   * One SMS within the budget; the rest kept for "more". The turn's last message is the question
   * the user must answer (a numbered list, say), so it is kept whole and the text before it is cut.
   */
  private async send(context: TurnContext, texts: string[], segments: number): Promise<void> {
    const whole = toGsm7(texts.join('\n\n')).trim();
    if (smsSegments(whole) <= segments) {
      if (await this.rest.get(context)) await this.rest.delete(context);
      await context.sendActivity({ type: ActivityTypes.Message, text: whole, textFormat: 'plain' });
      return;
    }
    const note = toGsm7(this.responses.text('sms_more'));
    const question = texts.length > 1 ? toGsm7(texts[texts.length - 1]).trim() : '';
    const before = question ? toGsm7(texts.slice(0, -1).join('\n\n')).trim() : whole;
    const compose = (head: string) => [head, note, question].filter(Boolean).join('\n\n');
    let room = gsm7Capacity(segments) - note.length - question.length - 4;
    if (room < 60) return this.sendWithout(context, whole, segments, note);
    let cut = 0;
    // Characters such as € count twice, so shrink until the message really fits.
    do {
      cut = cutAt(before, room);
      room -= 10;
    } while (smsSegments(compose(before.slice(0, cut).trim())) > segments && room > 20);
    await this.rest.set(context, before.slice(cut).trim());
    await context.sendActivity({ type: ActivityTypes.Message, text: compose(before.slice(0, cut).trim()), textFormat: 'plain' });
  }

  /** When the question alone would not fit: cut anywhere and keep the rest. */
  private async sendWithout(context: TurnContext, whole: string, segments: number, note: string): Promise<void> {
    let room = gsm7Capacity(segments) - note.length - 2;
    let text = '';
    let cut = 0;
    do {
      cut = cutAt(whole, room);
      text = `${whole.slice(0, cut).trim()}\n\n${note}`;
      room -= 10;
    } while (smsSegments(text) > segments && room > 20);
    await this.rest.set(context, whole.slice(cut).trim());
    await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
  }
}

/** Where to cut text to fit: the last paragraph, line or sentence end that fits, or a word end. */
function cutAt(text: string, room: number): number {
  const head = text.slice(0, room);
  for (const boundary of ['\n\n', '\n', '. ', ' ']) {
    let at = head.lastIndexOf(boundary);
    // Never leave a heading ("What you can do now") as the last thing before the cut.
    while (at > 0 && boundary.startsWith('\n') && isHeading(head.slice(head.lastIndexOf('\n', at - 1) + 1, at))) at = head.lastIndexOf(boundary, at - 1);
    if (at > room / 3) return at + boundary.length;
  }
  return room;
}

function isHeading(line: string): boolean {
  return line.trim().length < 40 && !/[.!?:]$/.test(line.trim());
}
