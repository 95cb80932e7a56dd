/** How the safety detector reads: through typos and text-speak, but not fooled by the past, legal words or idioms. */
import { knowledgeServices } from './helpers/testServices';

const { safety } = knowledgeServices();

describe('the safety detector', () => {
  it.each([
    ['he is hurting the baby right now', 'violence'],
    ['bf hurtin me n the baby rn', 'violence'],
    ['i want to kil myself', 'suicide'],
    ['ive taken all my tablets', 'suicide'],
    ['my son isnt breathing properly', 'medical'],
    ['cant find my daughter anywhere in the park', 'missing-child'],
    ['my ex says he will come round and batter me tonight', 'threat'],
  ])('flags "%s"', (text, kind) => {
    const verdict = safety.check(text);
    expect(verdict.crisis).toBe(true);
    expect(verdict.kinds).toContain(kind);
  });

  it.each([
    'What happens at an emergency protection order hearing?',
    'Police protection lasts how long?',
    'My ex hit me years ago, will that count against me?',
    'I am dying to know what the judge decided',
    'This waiting is killing me',
    'What happens if a child goes missing from foster care?',
    'I used to self harm as a teenager, do I have to tell them?',
    'The social worker said there is a risk of significant harm',
  ])('does not flag "%s"', (text) => {
    expect(safety.check(text).crisis).toBe(false);
  });

  it('reads the whole of a very long message', () => {
    const long = `${'I have lots of questions about the meeting. '.repeat(400)} Right now he is hitting me.`;
    expect(safety.check(long).crisis).toBe(true);
  });
});
