/** Conversations where search is not simply sure: a clarifying question, two needs, off-topic, another country. */
import { allText, startConversation } from './helpers/conversation';

describe('a conversation where search is not simply sure', () => {
  it('asks one question that tells two close topics apart, and answers the one picked', async () => {
    const chat = startConversation();
    const replies = await chat.say(CLARIFY_MESSAGE);
    const last = replies[replies.length - 1];
    expect(last.text).toBe(CLARIFY_QUESTION);
    expect(last.buttons).toEqual([...CLARIFY_LABELS, 'None of these']);
    const answer = allText(await chat.say(CLARIFY_LABELS[1]));
    expect(answer).toMatch(CLARIFY_ANSWER);
    expect(answer).toMatch(/It was checked on/);
  });

  it('answers the main need of a two-need message and offers the other', async () => {
    const chat = startConversation();
    const replies = await chat.say(TWO_NEEDS);
    const text = allText(replies);
    expect(text).toMatch(MAIN_ANSWER);
    expect(text).toMatch(/You also asked about/);
    const last = replies[replies.length - 1];
    expect(last.buttons[0]).toBe(OTHER_BUTTON);
    expect(allText(await chat.say(OTHER_BUTTON))).toMatch(OTHER_ANSWER);
  });

  it('says honestly it cannot help with an off-topic message, and gives the human routes', async () => {
    const chat = startConversation();
    const text = allText(await chat.say('can you book me a table for two at an italian place tonight'));
    expect(text).toMatch(/can't help with that here/);
    expect(text).toMatch(/0808 801 0366/);
    expect(text).not.toMatch(/It was checked on/);
  });

  it('says it only knows the law in England when a message is about another country', async () => {
    const chat = startConversation();
    const text = allText(await chat.say('i live in scotland and social work want to take my kids'));
    expect(text).toMatch(/only know the law in England/);
    expect(text).toMatch(/0808 801 0366/);
  });
});
