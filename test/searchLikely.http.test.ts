/**
 * A clear short question search is not sure of but thinks it knows: the bot answers it and offers
 * the next closest topics, over /api/messages, as buttons on the website and as numbers on SMS.
 */
import { postActivity, startTestServer, TestServer, textOf } from './helpers/testServer';
import { knowledgeServices } from './helpers/testServices';

const { search, knowledge, clarifications } = knowledgeServices();
const NOT_WHAT_YOU_MEANT = /Not what you meant\? Pick another topic below\./;

describe('a likely answer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, () => new Date('2026-11-23T14:00:00Z'));
  });
  afterAll(() => server.stop());

  const chat = (conversation: string, channelId = 'webchat') => async (text?: string) => {
    const activity = text === undefined ? { type: 'conversationUpdate', membersAdded: [{ id: 'parent' }] } : { type: 'message', text };
    const { replies } = await postActivity(server.url, { channelId, conversation: { id: conversation }, from: { id: '+447700900123' }, ...activity });
    return replies.filter((r) => r.type === 'message');
  };

  /** What search makes of the message, checked to be the case this test is about. */
  const likelyOutcome = async (message: string) => {
    const outcome = await search.search(message, 3);
    expect(outcome.confidence).toBe('likely');
    expect(clarifications.between(outcome.results[0].id, outcome.results[1].id)).toBeUndefined();
    return outcome.results.map((r) => knowledge.require(r.id));
  };

  it('answers a short question and offers the next two topics as buttons, kept while reading on; picking one answers that', async () => {
    const [answer, ...alternatives] = await likelyOutcome('what is a section 20');
    const say = chat('likely-web');
    await say();
    const replies = await say('what is a section 20');
    expect(textOf(replies)).toContain(answer.summary.slice(0, 40));
    expect(textOf(replies)).toMatch(/Checked on/);
    expect(textOf(replies)).toMatch(NOT_WHAT_YOU_MEANT);
    const buttons = (replies[replies.length - 1].suggestedActions?.actions ?? []).map((a) => a.title);
    expect(buttons.slice(0, 2)).toEqual(alternatives.map((a) => a.button));
    expect(buttons).toContain('Tell me more');
    expect(buttons).toContain('Talk to a person');

    const more = await say('Tell me more');
    expect(textOf(more)).not.toMatch(NOT_WHAT_YOU_MEANT);
    expect((more[more.length - 1].suggestedActions?.actions ?? []).map((a) => a.title).slice(0, 2)).toEqual(alternatives.map((a) => a.button));

    const picked = await say(alternatives[1].button);
    expect(textOf(picked)).toContain(alternatives[1].summary.slice(0, 40));
    expect(textOf(picked)).not.toMatch(NOT_WHAT_YOU_MEANT);
  });

  it('numbers the other topics on SMS, and the number answers that one', async () => {
    const [answer, ...alternatives] = await likelyOutcome('what is a section 20');
    const say = chat('likely-sms', 'sms');
    await say();
    const [text] = (await say('what is a section 20')).map((r) => r.text ?? '');
    expect(text).toContain(answer.summary.slice(0, 30));
    expect(text).toMatch(/Not right\? Pick another topic\./);
    expect(text).toContain(`1. ${alternatives[0].button}`);
    expect(text).toContain(`2. ${alternatives[1].button}`);
    // This answer is longer than its segment budget: the rest, with where it comes from, follows on "more".
    expect(text).toMatch(/Reply MORE/);
    const [rest] = (await say('more')).map((r) => r.text ?? '');
    expect(rest).toMatch(/Checked .* not legal advice/);

    const [picked] = (await say('1')).map((r) => r.text ?? '');
    expect(picked).toContain(alternatives[0].summary.slice(0, 30));
  });
});
