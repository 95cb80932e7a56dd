/**
 * Choices that work on every channel: buttons (suggested actions) where the channel has them,
 * a numbered list otherwise; and recognising the answer by number, by label or by a near spelling.
 */
import { Activity, ActivityTypes, CardAction, MessageFactory } from 'botbuilder';
import { recognizeChoices } from 'botbuilder-dialogs';
import { distance } from 'fastest-levenshtein';
import { plainWords as normalise } from '../language/plainWords';
import { recognizerInput } from '../language/recognizerInput';
import { ChannelProfile } from './channelProfile';

export interface MenuChoice {
  value: string;
  title: string;
  /** Other words that mean this choice ("yes", "carry on"). */
  synonyms?: string[];
}

/** The prompt with its choices, as the channel can show them. */
export function choiceActivity(profile: ChannelProfile, prompt: string, choices: readonly MenuChoice[], numberedHint: string): Partial<Activity> {
  if (profile.buttons) {
    const actions: CardAction[] = choices.map((c) => ({ type: 'imBack', title: c.title, value: c.title }));
    return MessageFactory.suggestedActions(actions, prompt);
  }
  const list = choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
  return { type: ActivityTypes.Message, text: `${prompt}\n${list}\n${numberedHint}` };
}


/** The choice the user meant, or undefined when the text is not an answer to these choices. */
export function recogniseChoice(text: string, choices: readonly MenuChoice[]): MenuChoice | undefined {
  const said = normalise(text);
  if (!said || !choices.length) return undefined;
  const asNumber = /^(\d{1,2})$/.exec(said);
  if (asNumber) return choices[Number(asNumber[1]) - 1];
  const exact = choices.find((c) => [c.title, c.value, ...(c.synonyms ?? [])].some((s) => normalise(s) === said));
  if (exact) return exact;
  // Ordinals and labels inside a long sentence are not answers ("court is on the 3rd").
  if (said.split(' ').length > 4) return nearSpelling(said, choices);
  const found = recognizeChoices(recognizerInput(said), choices.map((c) => ({ value: c.value, synonyms: [c.title, ...(c.synonyms ?? [])] })), {
    recognizeOrdinals: true,
    recognizeNumbers: true,
    allowPartialMatches: false,
  });
  const best = found[0]?.resolution;
  if (best && found.length === 1) return choices.find((c) => c.value === best.value);
  return wordsOfOneLabel(said, choices) ?? nearSpelling(said, choices);
}

/**
 * Only an answer that is nothing but a choice: its number, its label or a synonym, or a near
 * spelling of one. For places where a person chats while a choice is on offer (the waiting room),
 * so "I have 2 kids" or "one sec" is talk, not option 2 or option 1.
 */
export function recogniseBareChoice(text: string, choices: readonly MenuChoice[]): MenuChoice | undefined {
  const said = normalise(text);
  if (!said || !choices.length) return undefined;
  const asNumber = /^(\d{1,2})$/.exec(said);
  if (asNumber) return choices[Number(asNumber[1]) - 1];
  return choices.find((c) => [c.title, c.value, ...(c.synonyms ?? [])].some((s) => normalise(s) === said)) ?? nearSpelling(said, choices);
}

/** "no" for "No order", "special" for "Special guardianship": short words found in exactly one label. */
function wordsOfOneLabel(said: string, choices: readonly MenuChoice[]): MenuChoice | undefined {
  const words = said.split(' ');
  if (words.length > 2) return undefined;
  const matches = choices.filter((c) => {
    const label = ` ${normalise(c.title)} `;
    return words.every((w) => label.includes(` ${w} `));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** "tel me mor" is "Tell me more": a label within a small edit distance of what was typed. */
function nearSpelling(said: string, choices: readonly MenuChoice[]): MenuChoice | undefined {
  let best: { choice: MenuChoice; cost: number } | undefined;
  for (const choice of choices) {
    for (const label of [choice.title, ...(choice.synonyms ?? [])].map(normalise)) {
      const cost = distance(said, label) / Math.max(label.length, 1);
      if (cost <= 0.25 && (!best || cost < best.cost)) best = { choice, cost };
    }
  }
  return best?.choice;
}
