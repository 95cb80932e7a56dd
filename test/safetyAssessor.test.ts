/**
 * The hybrid safety check with the real packaged model: odd and huge input gets an answer
 * quickly, danger at the end of a long story is still found, and a message is embedded once. When
 * the model fails, the rules still answer and the failure is reported.
 */
import { loadConfig } from '../src/config/config';
import { createSafetyAssessor } from '../src/safety/createSafetyAssessor';
import { HybridSafetyAssessor } from '../src/safety/hybridSafetyAssessor';
import { knowledgeServices } from './helpers/testServices';

let assessor: HybridSafetyAssessor;

const calmStory = 'We had the meeting with the social worker last week and she said the plan is going well. ';

beforeAll(async () => {
  assessor = createSafetyAssessor(loadConfig({ SAFETY_MODEL: 'hybrid' }), knowledgeServices().safety) as HybridSafetyAssessor;
  // A running server has read messages before: the rules' first look at new words is a one-off.
  await assessor.assess(calmStory.repeat(40));
});

describe('odd and huge messages', () => {
  it.each([
    ['a 100,000-character message', calmStory.repeat(1200).slice(0, 100000)],
    ['one very long word', 'a'.repeat(100000)],
    ['a long word of many letters', 'abcdefghijklmnopqrstuvwxyz'.repeat(4000)],
    ['emoji only', '😭😭😭🙏🙏'.repeat(2000)],
    ['NUL bytes', 'hello\u0000\u0000\u0000'.repeat(5000)],
    ['odd Unicode', '\u202e\u200b\ud800\udfff ｈｅｌｌｏ 𝓱𝓮𝓵𝓵𝓸 \u0301\u0301 ᴴᴵ'.repeat(3000)],
    ['digits only', '0123456789'.repeat(10000)],
  ])('answers %s within 200 ms of CPU', async (_name, text) => {
    const before = process.cpuUsage();
    const assessment = await assessor.assess(text);
    const used = process.cpuUsage(before);
    expect(['danger', 'check', 'none']).toContain(assessment.tier);
    expect(assessment.score).toBeGreaterThanOrEqual(0);
    expect(assessment.score).toBeLessThanOrEqual(1);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });

  it('does not run the model on numbers or emoji alone', async () => {
    expect(await assessor.assess('2')).toEqual({ tier: 'none', score: 0, kinds: [] });
    expect(await assessor.assess('👍')).toEqual({ tier: 'none', score: 0, kinds: [] });
  });
});

describe('long stories', () => {
  it('finds danger told at the end of a 100,000-character story', async () => {
    const text = `${calmStory.repeat(1200)}But right now he has got my daughter by the throat.`;
    expect((await assessor.assess(text)).tier).toBe('danger');
  });
});

describe('the embedding', () => {
  it('comes with the assessment of a short message, and a second look costs no second embedding', async () => {
    const first = await assessor.assess('how long does a section 20 last');
    expect(first.embedding).toHaveLength(512);
    const before = process.cpuUsage();
    const again = await assessor.assess('how long does a section 20 last');
    const used = process.cpuUsage(before);
    expect(again.embedding).toBe(first.embedding);
    expect((used.user + used.system) / 1000).toBeLessThan(5);
  });
});

describe('when the model fails', () => {
  const broken = { embed: () => Promise.reject(new Error('the encoder worker stopped')) };
  const failures: unknown[] = [];
  const withoutModel = () => {
    failures.length = 0;
    return createSafetyAssessor(loadConfig({ SAFETY_MODEL: 'hybrid' }), knowledgeServices().safety, broken, (error) => failures.push(error));
  };

  it("still gives the rules' danger reply, and says the model failed", async () => {
    const assessment = await withoutModel().assess('my partner is hitting me right now');
    expect(assessment.tier).toBe('danger');
    expect(failures).toHaveLength(1);
  });

  it('lets an ordinary message carry on instead of failing the turn', async () => {
    await expect(withoutModel().assess('how long does a section 20 last')).resolves.toEqual({ tier: 'none', score: 0, kinds: [] });
  });
});
