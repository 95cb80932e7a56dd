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

  it('in webchat hours, asks before passing the conversation to an adviser, asks what it is about, and gives a place in the queue', async () => {
    const chat = startConversation();
    const offer = await chat.say('can I talk to a person please');
    expect(allText(offer)).toMatch(/An adviser can chat with you now/);
    expect(allText(offer)).toMatch(/so you do not have to say it all again/);
    expect(allText(await chat.say('Yes, pass it on'))).toMatch(/what would you like help with/);
    const queued = await chat.say('my nan has an SGO and needs money help');
    expect(allText(queued)).toMatch(/You are number 1 in the queue\. The wait may be about \d+ minutes\./);
    expect(queued[queued.length - 1].buttons).toEqual(['Leave a message', 'Leave the queue']);
    expect(allText(await chat.say('hello?'))).toMatch(/You are still number 1 in the queue/);
    expect(allText(await chat.say('Leave the queue'))).toMatch(/You have left the queue/);
  });

  it('does not ask what it is about when the conversation already says', async () => {
    const chat = startConversation();
    await chat.say('what is a child protection plan');
    await chat.say('talk to a person');
    expect(allText(await chat.say('Yes, pass it on'))).toMatch(/You are number 1 in the queue/);
  });

  it('out of hours, says exactly when webchat opens, gives the advice line and email form, and takes a message', async () => {
    const chat = startConversation({ now: SATURDAY_EVENING });
    const closed = await chat.say('talk to a person');
    const text = allText(closed);
    expect(text).toMatch(/Webchat with an adviser is closed now\. It opens on Monday at 1pm\./);
    expect(text).toMatch(/It is closed now\. It is open Monday to Friday, 9\.30am to 3pm/);
    expect(text).toMatch(/email, using the form at https:\/\/frg\.org\.uk/);
    expect(closed[closed.length - 1].buttons).toEqual(['Leave a message', 'Start again']);
    expect(allText(await chat.say('Leave a message'))).toMatch(/Type your message for an adviser/);
    expect(allText(await chat.say('Please ring me about my grandson'))).toMatch(/Your message is saved\. An adviser will read it on Monday at 1pm\./);
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
    const replies = await chat.say(long);
    expect(allText(replies)).toMatch(/Your message was long/);
    // Answered, or offered first among the topics when search is not sure enough to answer.
    expect(`${allText(replies)} ${replies[replies.length - 1].buttons.join(' ')}`).toMatch(/Section 20/);
  });

  it('does not treat STOP as a command', async () => {
    const chat = startConversation();
    await chat.say('hello');
    const text = allText(await chat.say('STOP'));
    expect(text).not.toMatch(/stopped|unsubscribed/i);
  });
});

describe('a conversation by SMS', () => {
  it('asks again, kindly, when a number is not on the list', async () => {
    const chat = startConversation({ channel: 'sms' });
    await chat.say('hi');
    const replies = await chat.say('12');
    expect(allText(replies)).toMatch(/that number is not on the list/);
    expect(allText(replies)).toMatch(/1\. Child protection/);
  });

  it('names the first source and counts the rest, to keep the message short', async () => {
    const chat = startConversation({ channel: 'sms' });
    const text = allText(await chat.say('how do i complain about the social'));
    expect(text).toMatch(/This is based on Children Act 1989, section 26, and \d+ other sources\. It was checked on 22 November 2026\./);
  });
});

describe('an empty message', () => {
  it('gets a kind "I did not get any words" and the same question again', async () => {
    const chat = startConversation();
    await chat.say('hi');
    const replies = await chat.say('   ');
    expect(allText(replies)).toMatch(/I did not get any words/);
    expect(replies[replies.length - 1].buttons).toContain('Talk to a person');
  });
});
