/** Conversations with the bot on webchat: what the user says, what the bot must answer. */
import { allText, startConversation } from './helpers/conversation';
import { knowledgeServices, SATURDAY_EVENING } from './helpers/testServices';

const sectionTwenty = () => knowledgeServices().knowledge.require('cs-section-20-voluntary-accommodation');

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
    expect(text).toMatch(/Based on Children Act 1989, section 20/);
    expect(text).toMatch(/Checked on 1 December 2026/);
    expect(text).toMatch(/general information for England, not legal advice/);
    // Two bubbles, not four: the answer with its one-line footer, then what to do next.
    expect(replies).toHaveLength(2);
    expect(replies[replies.length - 1].buttons).toEqual(['Tell me more', 'It helped', 'It did not help', 'Topics like this', 'Talk to a person']);
  });

  it('tells more one section at a time, then offers related topics', async () => {
    const chat = startConversation();
    await chat.say('what is a child protection plan');
    const more = allText(await chat.say('Tell me more'));
    expect(more).toMatch(/\*\*What this means\*\*/);
    const related = await chat.say('Topics like this');
    expect(related[related.length - 1].buttons.length).toBeGreaterThan(1);
    const picked = allText(await chat.say(related[related.length - 1].buttons[0]));
    expect(picked).toMatch(/Checked on/);
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
    const replies = await chat.say('i have a meeting next week');
    expect(allText(replies)).toMatch(/not sure I understood/);
    const buttons = replies[replies.length - 1].buttons;
    expect(buttons.length).toBeLessThanOrEqual(4);
    expect(buttons[buttons.length - 1]).toBe('None of these');
    expect(allText(await chat.say(buttons[0]))).toMatch(/Checked on/);
  });

  it('offers a person, in the same words each time, after three turns it could not understand', async () => {
    const chat = startConversation({ now: SATURDAY_EVENING });
    await chat.say('hello');
    const first = [await chat.say('zzzz'), await chat.say('qqqq xxxx'), await chat.say('wwww')];
    expect(allText(first[0])).toMatch(/did not understand/);
    expect(allText(first[1])).not.toMatch(/A person might help/);
    expect(first[2][0].text).toBe('I am not understanding you well. A person might help.');
    expect(allText(first[2])).toMatch(/The advice line is 0808 801 0366\. It opens on Monday at 9\.30am\./);
    const again = [await chat.say('zzzz'), await chat.say('qqqq'), await chat.say('vvvv')];
    const routes = (replies: { text: string }[]) => replies.map((r) => r.text).filter((t) => /advice line|email/.test(t));
    expect(routes(again[2])).toEqual(routes(first[2]));
  });

  it('in webchat hours, asks before passing the conversation to an adviser, asks what it is about, and gives a place in the queue', async () => {
    const chat = startConversation();
    chat.test.services.handoffs.adviserSeen('sam');
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

  it('in webchat hours with no adviser signed in, says so plainly, gives the other routes, and never makes up a wait', async () => {
    const chat = startConversation();
    const offer = await chat.say('talk to a person');
    const text = allText(offer);
    expect(text).toMatch(/Webchat is open now, but no adviser is free right now\./);
    expect(text).not.toMatch(/An adviser can chat with you now/);
    expect(text).toMatch(/You can call the advice line now on 0808 801 0366\. It is open until 3pm\./);
    expect(text).toMatch(/by email at any time, using the form/);
    expect(offer[offer.length - 1].buttons).toEqual(['Yes, pass it on', 'No, thanks', 'Leave a message']);
    await chat.say('Yes, pass it on');
    const queued = allText(await chat.say('court papers'));
    expect(queued).toMatch(/You are number 1 in the queue\. No adviser is free right now, so I cannot say how long it will be\./);
    expect(queued).not.toMatch(/minutes/);
    expect(allText(await chat.say('hello?'))).toMatch(/You are still number 1 in the queue\. No adviser is free right now/);
  });

  it('early on a Tuesday, says the advice line opens today and webchat tomorrow, in that order', async () => {
    const chat = startConversation({ now: new Date('2026-12-01T08:10:00Z') });
    await chat.say('hello');
    const text = allText(await chat.say('talk to a person'));
    expect(text).toMatch(/The advice line is 0808 801 0366\. It opens today at 9\.30am\.\nWebchat with an adviser opens tomorrow, Wednesday, at 1pm\./);
    expect(text).not.toMatch(/You can talk to a person/);
  });

  it('with no adviser signed in, "Leave a message" goes straight to the message', async () => {
    const chat = startConversation();
    await chat.say('talk to a person');
    expect(allText(await chat.say('Leave a message'))).toMatch(/Type your message for an adviser/);
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
    expect(closed.map((r) => r.text).slice(-5, -1)).toEqual([
      'No one can talk with you right now.',
      'You can send a question by email at any time, using the form at https://frg.org.uk/get-help-and-advice/.',
      'The advice line is 0808 801 0366. It opens on Monday at 9.30am.',
      'Webchat with an adviser opens on Monday at 1pm.',
    ]);
    expect(text.match(/closed/g)).toBeNull();
    expect(closed[closed.length - 1].buttons).toEqual(['Leave a message', 'Start again']);
    expect(allText(await chat.say('Leave a message'))).toMatch(/Type your message for an adviser/);
    expect(allText(await chat.say('Please ring me about my grandson'))).toMatch(/Your message is saved\. An adviser will read it on Monday at 1pm\./);
  });

  it('switches to easy read for the rest of the conversation', async () => {
    const chat = startConversation();
    await chat.say('hi');
    expect(allText(await chat.say('easy read'))).toMatch(/shorter messages/);
    const answer = allText(await chat.say('what is early help'));
    expect(answer).toMatch(/For England\.\s+Not legal advice\./);
  });

  it('in easy read, answers with the article\'s easy-read version instead of its summary', async () => {
    const chat = startConversation();
    await chat.say('easy read');
    const answer = allText(await chat.say('the social want me to sign a section 20'));
    const article = sectionTwenty();
    expect(article.easy_read).toBeDefined();
    for (const line of (article.easy_read ?? '').split('\n')) expect(answer).toContain(line);
    expect(answer).not.toContain(article.summary);
    expect(answer).toMatch(/From Children Act 1989, section 20/);
  });

  it('after "Tell me more", offers where the answer comes from: every source, with its link', async () => {
    const chat = startConversation();
    const first = await chat.say('the social want me to sign a section 20');
    expect(first[first.length - 1].buttons).not.toContain('Where it comes from');
    const more = await chat.say('Tell me more');
    expect(more[more.length - 1].buttons).toContain('Where it comes from');
    const replies = await chat.say('Where it comes from');
    const text = allText(replies);
    expect(text).toMatch(/Where this comes from/);
    for (const source of sectionTwenty().sources) expect(text).toContain(source.url ? `[${source.title}](${source.url})` : source.title);
    expect(text).not.toMatch(/\[\^/);
    const buttons = replies[replies.length - 1].buttons;
    expect(buttons).toContain('Tell me more');
    expect(buttons).not.toContain('Where it comes from');
  });

  it('answers a long message kindly and still answers the question', async () => {
    const chat = startConversation();
    const long = `I need help with section 20. ${'They keep asking me to sign things and I do not understand. '.repeat(340)}`;
    expect(long.length).toBeGreaterThan(20000);
    const replies = await chat.say(long);
    expect(allText(replies)).toMatch(/I picked out the part that says the most/);
    // Answered, or offered first among the topics when search is not sure enough to answer.
    expect(`${allText(replies)} ${replies[replies.length - 1].buttons.join(' ')}`).toMatch(/Section 20/);
  });

  it('on webchat, takes STOP as "menu", not as a question or an opt-out', async () => {
    const chat = startConversation();
    await chat.say('hello');
    const text = allText(await chat.say('STOP'));
    expect(text).toMatch(/What is happening\?/);
    expect(text).not.toMatch(/any more messages|reasonable way/);
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
    expect(text).toMatch(/From Children Act 1989, section 26 and others\. Checked 1 December 2026\. For England, not legal advice\./);
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
