/** What the safety model is allowed to see: cleaned, bounded text in overlapping windows. */
import { cleanMessage, hasContentWords, hasWords, MAX_MODEL_WORDS, MAX_RULE_CHARS, modelWords, WINDOW_WORDS, windows } from '../src/safety/safetyText';
import { tierOf } from '../src/safety/safetyTiers';

describe('cleaning a message for the safety check', () => {
  it('drops NUL, control and invisible characters and folds odd letters to plain ones', () => {
    expect(cleanMessage('my\u0000 son\u200b is\u202e not ｂｒｅａｔｈｉｎｇ\ud800')).toBe('my son is not breathing');
  });

  it('shortens runs of one letter and endless words', () => {
    expect(cleanMessage('pleeeeease help')).toBe('pleease help');
    expect(cleanMessage('x'.repeat(50) + 'abc'.repeat(100)).length).toBeLessThanOrEqual(30);
  });

  it('keeps the opening and the end of a very long message, within a fixed size', () => {
    const story = `${'we went to the park and had a nice day. '.repeat(3000)}now he is hitting her`;
    const cleaned = cleanMessage(story);
    expect(cleaned.length).toBeLessThanOrEqual(MAX_RULE_CHARS + 3);
    expect(cleaned.startsWith('we went to the park')).toBe(true);
    expect(cleaned.endsWith('now he is hitting her')).toBe(true);
  });
});

describe('windows over a message', () => {
  it('reads a short message whole', () => {
    expect(windows(modelWords('My baby is not breathing'))).toEqual(['my baby is not breathing']);
  });

  it('covers every word of a long story, overlapping, with the last words in the last window', () => {
    const words = Array.from({ length: 75 }, (_, i) => `w${i}`);
    const pieces = windows(words);
    expect(pieces.every((p) => p.split(' ').length <= WINDOW_WORDS)).toBe(true);
    expect(new Set(pieces.flatMap((p) => p.split(' ')))).toEqual(new Set(words));
    expect(pieces.at(-1)?.endsWith('w74')).toBe(true);
  });

  it('gives the model a bounded number of words, keeping the end', () => {
    const words = modelWords(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '));
    expect(words).toHaveLength(MAX_MODEL_WORDS);
    expect(words.at(-1)).toBe('w4999');
  });

  it('finds nothing to read in emoji, numbers or one letter repeated', () => {
    expect(['😭😭🔪', '1234 5678', 'aa', '', '!!!'].map(hasWords)).toEqual([false, false, false, false, false]);
    expect(['help', 'pls hlp', 'no'].map(hasWords)).toEqual([true, true, true]);
  });

  it('gives the model nothing to read in numbers and function words alone ("4 and 7" for the children\'s ages)', () => {
    expect(['4 and 7', 'i am not', 'and then?', '2 or 3'].map(hasContentWords)).toEqual([false, false, false, false]);
    expect(['help', 'he is not breathing', 'my son is 6', 'no one is home'].map(hasContentWords)).toEqual([true, true, true, true]);
  });
});

describe('how the rules and the model make a tier', () => {
  const thresholds = { danger: 0.8, check: 0.2, veto: 0.05 };

  it.each([
    [true, 0.5, 'danger'],
    [true, 0.01, 'check'],
    [false, 0.9, 'danger'],
    [false, 0.5, 'check'],
    [false, 0.1, 'none'],
  ] as const)('rules fired %s, model %s: %s', (rules, probability, tier) => {
    expect(tierOf(rules, probability, thresholds)).toBe(tier);
  });
});
