/**
 * What a message says from the first sentence the rules find danger in, to its end. Whether
 * danger is over is told after it ("he had her by the throat. the police came, he is gone"),
 * while what comes before is only the story so far ("the meeting went well. but right now he has
 * her by the throat"). So when the model doubts a rule, it reads this part on its own as well.
 */
import { SafetyDetector } from '../language/safetyDetector';

/** The part from the first sentence with danger, or undefined when that is the first sentence (the whole message). */
export function dangerTail(cleaned: string, rules: SafetyDetector): string | undefined {
  const sentences = cleaned.split(/(?<=[.!?;\n])/);
  const first = sentences.findIndex((sentence) => rules.check(sentence).crisis);
  return first > 0 ? sentences.slice(first).join('').trim() : undefined;
}
