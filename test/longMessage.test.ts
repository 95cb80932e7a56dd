/** Issue 12, item 9: a long message is searched for its most telling part, at a bounded cost. */
import { MAX_SEARCH_CHARACTERS, MAX_SEARCH_WINDOWS, SEARCH_WINDOW_CHARACTERS } from '../dialogs/limits';
import { allText, startConversation } from './helpers/conversation';

const preamble = 'I am writing because things have been very hard for a long time and I do not know who else to ask. ';
const longStory = (ask: string) => `${preamble.repeat(Math.ceil((MAX_SEARCH_CHARACTERS * 1.5) / preamble.length))}${ask}`;

describe('a long message', () => {
  // The search service is shared by every test conversation: each test counts its own calls.
  afterEach(() => jest.restoreAllMocks());

  it('is answered from its most telling part, even when that comes after the start', async () => {
    const chat = startConversation();
    await chat.open();
    const text = allText(await chat.sayPastSafetyQuestion(longStory('The social worker wants me to sign a section 20 form for my son.')));
    expect(text).toMatch(/Section 20 means you agree/);
  });

  it('says kindly how it was read, without blaming the writer', async () => {
    const chat = startConversation();
    await chat.open();
    const text = allText(await chat.sayPastSafetyQuestion(longStory('The social worker wants me to sign a section 20 form for my son.')));
    expect(text).toMatch(/Thank you for telling me all of that\. I picked out the part that says the most/);
    expect(text).not.toMatch(/too long|was long|only read/i);
  });

  it('costs a few searches however long it is, even as a first message (searched once for the welcome and the answer)', async () => {
    const chat = startConversation({ channel: 'sms' });
    const search = jest.spyOn(chat.test.services.search, 'search');
    await chat.say(longStory('x '.repeat(25_000)));
    expect(search.mock.calls.length).toBeLessThanOrEqual(MAX_SEARCH_WINDOWS);
  });

  it('costs a few searches however long it is', async () => {
    const chat = startConversation();
    await chat.open();
    const search = jest.spyOn(chat.test.services.search, 'search');
    await chat.say(longStory('x '.repeat(25_000)));
    expect(search.mock.calls.length).toBeLessThanOrEqual(MAX_SEARCH_WINDOWS);
    expect(Math.max(...search.mock.calls.map(([part]) => part.length))).toBeLessThanOrEqual(SEARCH_WINDOW_CHARACTERS);
  });
});
