/** Conversations with the bot on webchat: what the user says, what the bot must answer. */
import { allText, startConversation } from './helpers/conversation';
import { SATURDAY_EVENING } from './helpers/testServices';

describe('a conversation on webchat', () => {
  it('welcomes a new user: what it can and cannot do, privacy, and how to reach a person', async () => {
    const chat = startConversation();
    const text = allText(await chat.open());
    expect(text).toMatch(/computer, not a person/);
    expect(text).toMatch(/cannot give legal advice/);
    expect(text).toMatch(/private/);
    expect(text).toMatch(/talk to a person/);
  });

  it('answers a question with the summary, its source, the review date, a not-legal-advice line and next steps', async () => {
    const chat = startConversation();
    await chat.open();
    const replies = await chat.say('the social want me to sign a section 20');
    const text = allText(replies);
    expect(text).toMatch(/Section 20 means you agree/);
    expect(text).toMatch(/based on Children Act 1989, section 20/);
    expect(text).toMatch(/checked on 22 November 2026/);
    expect(text).toMatch(/general information for England\. It is not legal advice/);
    expect(replies[replies.length - 1].buttons).toEqual(['Tell me more', 'It helped', 'It did not help', 'Related topic', 'Talk to a person']);
  });

  it('tells more one section at a time, then offers related topics', async () => {
    const chat = startConversation();
    await chat.say('what is a child protection plan');
    const more = allText(await chat.say('Tell me more'));
    expect(more).toMatch(/\*\*What this means\*\*/);
    const related = await chat.say('Related topic');
    expect(related[related.length - 1].buttons.length).toBeGreaterThan(1);
    const picked = allText(await chat.say(related[related.length - 1].buttons[0]));
    expect(picked).toMatch(/It was checked on/);
  });

  it('puts 999 first when the first message suggests danger now, then offers to go on', async () => {
    const chat = startConversation();
    const replies = await chat.say('my partner is hitting my son right now');
    expect(replies[0].text).toMatch(/call 999/);
    expect(replies[replies.length - 1].buttons).toEqual(['I am safe now', 'Talk to a person']);
    const after = await chat.say('I am safe now');
    expect(allText(after)).toMatch(/What is happening\?/);
    expect(after[after.length - 1].buttons).toContain('Talk to a person');
  });

  it('puts 999 first when danger comes up after the welcome, and offers to carry on or talk to a person', async () => {
    const chat = startConversation();
    await chat.open();
    const replies = await chat.say('my partner is hitting my son right now');
    expect(replies[0].text).toMatch(/call 999/);
    expect(allText(replies)).toMatch(/You can carry on, or talk to a person/);
  });

  it('interrupts an answer for danger and then goes back to where the user was', async () => {
    const chat = startConversation();
    await chat.say('what is early help');
    const replies = await chat.say('i want to end my life');
    expect(replies[0].text).toMatch(/call 999/);
    expect(allText(replies)).toMatch(/Samaritans/);
    expect(replies[replies.length - 1].buttons).toContain('Tell me more');
  });

  it('asks instead of guessing when it is unsure, with up to three topics and "None of these"', async () => {
    const chat = startConversation();
    const replies = await chat.say('meeting');
    expect(allText(replies)).toMatch(/not sure I understood/);
    const buttons = replies[replies.length - 1].buttons;
    expect(buttons.length).toBeLessThanOrEqual(4);
    expect(buttons[buttons.length - 1]).toBe('None of these');
    expect(allText(await chat.say(buttons[0]))).toMatch(/It was checked on/);
  });

  it('offers a person, in the same words each time, after three turns it could not understand', async () => {
    const chat = startConversation({ now: SATURDAY_EVENING });
    await chat.say('hello');
    const first = [await chat.say('zzzz'), await chat.say('qqqq xxxx'), await chat.say('wwww')];
    expect(allText(first[0])).toMatch(/did not understand/);
    expect(allText(first[2])).toMatch(/The advice line is 0808 801 0366\. It is closed now/);
    const again = [await chat.say('zzzz'), await chat.say('qqqq'), await chat.say('vvvv')];
    const routes = (replies: { text: string }[]) => replies.map((r) => r.text).filter((t) => /advice line|email/.test(t));
    expect(routes(again[2])).toEqual(routes(first[2]));
  });

  it('gives the routes to a person whenever asked, saying whether the line is open now', async () => {
    const open = allText(await startConversation().say('can I talk to a person please'));
    expect(open).toMatch(/It is open now/);
    const closed = allText(await startConversation({ now: SATURDAY_EVENING }).say('talk to a person'));
    expect(closed).toMatch(/It is closed now\. It is open Monday to Friday, 9\.30am to 3pm/);
    expect(closed).toMatch(/email/);
  });

  it('switches to easy read for the rest of the conversation', async () => {
    const chat = startConversation();
    await chat.say('hi');
    expect(allText(await chat.say('easy read'))).toMatch(/shorter messages/);
    const answer = allText(await chat.say('what is early help'));
    expect(answer).toMatch(/This is for England\. It is not legal advice\./);
  });

  it('answers a long message kindly and still answers the question', async () => {
    const chat = startConversation();
    const long = `I need help with section 20. ${'They keep asking me to sign things and I do not understand. '.repeat(340)}`;
    expect(long.length).toBeGreaterThan(20000);
    const text = allText(await chat.say(long));
    expect(text).toMatch(/Your message was long/);
    expect(text).toMatch(/Section 20/);
  });

  it('does not treat STOP as a command', async () => {
    const chat = startConversation();
    await chat.say('hello');
    const text = allText(await chat.say('STOP'));
    expect(text).not.toMatch(/stopped|unsubscribed/i);
  });
});
