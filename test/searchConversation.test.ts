/** Conversations where search is not simply sure: a clarifying question, two needs, off-topic, another country. (A likely answer: searchLikely.http.test.ts.) */
import { allText, startConversation } from './helpers/conversation';
import { knowledgeServices } from './helpers/testServices';

const { search, clarifications, knowledge } = knowledgeServices();

describe('a conversation where search is not simply sure', () => {
  it('asks one question that tells two close topics apart, and answers the one picked', async () => {
    // Kinship care in general, or kinship fostering: search cannot tell from this alone.
    const message = 'my grandson lives with me';
    const outcome = await search.search(message, 3);
    expect(outcome.confidence).toBe('unsure');
    const pair = clarifications.between(outcome.results[0].id, outcome.results[1].id);
    expect(pair).toBeDefined();
    const chat = startConversation();
    const replies = await chat.say(message);
    const last = replies[replies.length - 1];
    expect(last.text).toBe(pair?.question);
    expect(last.buttons).toEqual([...(pair?.options.map((o) => o.label) ?? []), 'None of these']);
    const picked = pair?.options[1] as { id: string; label: string };
    const answer = allText(await chat.say(picked.label));
    expect(answer).toContain(knowledge.require(picked.id).summary.slice(0, 40));
    expect(answer).toMatch(/[Cc]hecked on/);
  });

  it('asks the close pair\'s question even when search thinks the first topic is likely right', async () => {
    const message = 'the meeting about my kids';
    const outcome = await search.search(message, 3);
    expect(outcome.confidence).toBe('likely');
    const pair = clarifications.between(outcome.results[0].id, outcome.results[1].id);
    expect(pair).toBeDefined();
    const replies = await startConversation().say(message);
    expect(replies[replies.length - 1].text).toBe(pair?.question);
    expect(allText(replies)).not.toMatch(/Not what you meant/);
  });

  it('answers the main need of a two-need message and offers the other', async () => {
    const chat = startConversation();
    const replies = await chat.say('the social worker wants me to sign section 20. also can i get a free solicitor');
    const text = allText(replies);
    expect(text).toMatch(/Section 20 means you agree/);
    expect(text).toMatch(/You also asked about/);
    const last = replies[replies.length - 1];
    expect(last.buttons[0]).toBe(knowledge.require('adv-legal-advice-solicitor').button);
    const other = allText(await chat.say(last.buttons[0]));
    expect(other).toContain(knowledge.require('adv-legal-advice-solicitor').summary.slice(0, 40));
  });

  it('says honestly it cannot help with an off-topic message, and gives the human routes', async () => {
    const chat = startConversation();
    const text = allText(await chat.sayPastSafetyQuestion('can you book me a table for two at an italian place tonight'));
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
