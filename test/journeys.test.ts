/**
 * The guided journeys as transcripts, on webchat (buttons) and SMS (numbered text): what the
 * user answers, and the next steps the bot must give.
 */
import { allText, Reply, startConversation, TestConversation } from './helpers/conversation';

const SMS_LIMIT = 320;

/** Plays a script; on SMS, answers given as a button label are typed as their number in the list. */
async function play(chat: TestConversation, channel: string, answers: string[]): Promise<Reply[][]> {
  const turns: Reply[][] = [await chat.say('hello')];
  for (const answer of answers) {
    const last = turns[turns.length - 1];
    turns.push(await chat.say(channel === 'sms' ? asNumber(last, answer) : answer));
  }
  return turns;
}

/** The number of `label` in the numbered list of the last reply, or the label itself when it is not in the list. */
function asNumber(replies: Reply[], label: string): string {
  const list = replies[replies.length - 1]?.text ?? '';
  const line = list.split('\n').find((l) => l.replace(/^\d+\.\s*/, '') === label);
  return line ? line.split('.')[0] : label;
}

function expectChannelRules(channel: string, turns: Reply[][]): void {
  for (const reply of turns.flat()) {
    if (channel === 'sms') {
      expect(reply.text.length).toBeLessThanOrEqual(SMS_LIMIT);
      expect(reply.buttons).toEqual([]);
      expect(reply.text).not.toMatch(/\*\*/);
    } else {
      for (const b of reply.buttons) expect(b.length).toBeLessThanOrEqual(20);
    }
  }
}

const SUMMARY_HEADINGS = [/Your next steps/, /What it means/, /Where to get help/];

describe.each(['webchat', 'sms'])('journeys on %s', (channel) => {
  const start = () => startConversation({ channel });

  it('child protection: stage, next meeting and ages lead to next steps with a working-day countdown', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Child protection', 'Conference soon', 'next Tuesday', '4 and 7']);
    const summary = allText(turns[turns.length - 1]);
    for (const heading of SUMMARY_HEADINGS) expect(summary).toMatch(heading);
    expect(summary).toMatch(/Your rights/);
    expect(summary).toMatch(/conference/i);
    expect(summary).toMatch(/Your child protection conference is on Tuesday \d+ \w+ 2026\. That is \d+ working days from today\./);
    expect(summary).toMatch(/ask the social worker for any report/);
    expect(summary).toMatch(/Ask for the report|Ask for easy read|Ask for an advocate/);
    expectChannelRules(channel, turns);
  });

  it('child protection: a strategy meeting says parents do not usually go, without tips for taking part', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Child protection', 'Strategy meeting', 'skip', 'skip']);
    const summary = allText(turns[turns.length - 1]);
    expect(summary).toMatch(/Parents do not usually go to a strategy meeting/);
    expect(summary).not.toMatch(/Write down what you want to say/);
    expectChannelRules(channel, turns);
  });

  it('court: court papers, a hearing date confirmed, and no solicitor lead to urgent steps and free legal help', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Court', 'Court papers', '3rd December']);
    expect(allText(turns[turns.length - 1])).toMatch(/Do you mean Thursday 3 December 2026\?/);
    turns.push(...(await play(chat, channel, ['Yes', 'No'])).slice(1));
    const summary = allText(turns[turns.length - 1]);
    expect(summary).toMatch(/Get a solicitor today/);
    expect(summary).toMatch(/Getting a solicitor/);
    expect(summary).toMatch(/Your court hearing is on Thursday 3 December 2026\. That is 8 working days from today\./);
    expectChannelRules(channel, turns);
  });

  it('kinship: a family arrangement with no council and no order leads to options, money and support', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Kinship care', 'Family arranged it', 'No', 'No order', 'she is 6']);
    const summary = allText(turns[turns.length - 1]);
    for (const heading of SUMMARY_HEADINGS) expect(summary).toMatch(heading);
    expect(summary).toMatch(/Money/);
    expect(summary).toMatch(/Support/);
    expect(summary).toMatch(/without a court order|no court order|private/i);
    expectChannelRules(channel, turns);
  });

  it('assessments: a PAMS assessment, wanting adjustments, and a skipped date', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Assessments', 'Parenting or PAMS', 'Yes', 'skip']);
    const summary = allText(turns[turns.length - 1]);
    expect(summary).toMatch(/PAMS/);
    expect(summary).toMatch(/Help to take part/);
    expect(summary).toMatch(/An advocate/);
    expect(summary).toMatch(/You did not give me a date/);
    expectChannelRules(channel, turns);
  });

  it('section 20: already agreed, child with foster carers, wants them home', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Section 20', 'Already agreed', 'With foster carers', 'Yes']);
    const summary = allText(turns[turns.length - 1]);
    expect(summary).toMatch(/You can take your child home at any time, unless a court has made an order/);
    const lastReply = turns[turns.length - 1];
    const sources = await chat.say(channel === 'sms' ? asNumber(lastReply, 'Where it comes from') : 'Where it comes from');
    expect(allText(sources)).toMatch(/Where this comes from/);
    expect(allText(sources)).toMatch(/Children Act 1989, section 20/);
    expectChannelRules(channel, [...turns, sources]);
  });

  it('complaints: a wrong report, not complained yet, then the stage 1 letter with blanks', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Complaints', 'A report is wrong', 'Not yet']);
    const summary = allText(turns[turns.length - 1]);
    expect(summary).toMatch(/Your next step is a stage 1 complaint/);
    const lastReply = turns[turns.length - 1];
    const letterButton = channel === 'sms' ? asNumber(lastReply, 'Make a complaint') : 'Make a complaint';
    const letter = await chat.say(letterButton);
    const letterText = allText(letter);
    expect(letterText).toMatch(/\[your name\]/);
    expect(letterText).toMatch(/stage 1/i);
    expectChannelRules(channel, [letter]);
  });

  it('complaints: a protection meeting decision gets only its own route, and no stage 1 letter', async () => {
    const chat = start();
    const turns = await play(chat, channel, ['Complaints', 'A protection meeting', 'Not yet']);
    const lastReply = turns[turns.length - 1];
    const summary = allText(lastReply);
    expect(summary).toMatch(/has its own way to complain/);
    expect(summary).not.toMatch(/Your next step is a stage 1 complaint/);
    expect(summary).not.toMatch(/Make a complaint/);
    expect(lastReply[lastReply.length - 1].buttons).not.toContain('Make a complaint');
    expectChannelRules(channel, turns);
  });
});

describe('a question that asks for a number', () => {
  /** The kinship journey up to its age question: family arranged it, no social worker, no order. */
  async function atAgeQuestion(channel: string): Promise<{ chat: TestConversation; question: Reply[] }> {
    const chat = startConversation({ channel });
    await play(chat, channel, ['Kinship care', 'Family arranged it', 'No']);
    const question = await chat.say(channel === 'sms' ? '4' : 'No order');
    return { chat, question };
  }

  it('on SMS is not a numbered list, so "1" is a one-year-old, not "I don\'t know"', async () => {
    const { chat, question } = await atAgeQuestion('sms');
    expect(allText(question)).toMatch(/How old is the child, or the children\? Type the ages as numbers, like "4 and 7"\. If you do not know, type "skip"\./);
    expect(allText(question)).not.toMatch(/^\d+\. /m);
    await chat.say('1');
    await chat.say('Talk to a person');
    await chat.say('1');
    expect((await chat.test.services.handoffs.waiting())[0].summary.childrenAges).toBe('1');
  });

  it('on webchat keeps its "I don\'t know" button, and a typed "1" is still the age', async () => {
    const { chat, question } = await atAgeQuestion('webchat');
    expect(question[question.length - 1].buttons).toEqual(["I don't know"]);
    await chat.say('1');
    await chat.say('Talk to a person');
    await chat.say('Yes, pass it on');
    expect((await chat.test.services.handoffs.waiting())[0].summary.childrenAges).toBe('1');
  });

  it('"skip" still skips it on SMS', async () => {
    const { chat } = await atAgeQuestion('sms');
    expect(allText(await chat.say('skip'))).toMatch(/Your next steps/);
  });
});

describe('interruptions in the middle of a journey', () => {
  async function midJourney(): Promise<TestConversation> {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Child protection');
    await chat.say('On a plan');
    return chat;
  }

  it('a crisis gets 999 first, then the same question again', async () => {
    const chat = await midJourney();
    const replies = await chat.say('he is hitting the baby right now');
    expect(replies[0].text).toMatch(/999/);
    expect(allText(replies)).toMatch(/When is the next meeting\?/);
  });

  it('"help" explains, then asks the same question again', async () => {
    const replies = await (await midJourney()).say('help');
    expect(allText(replies)).toMatch(/You can also type/);
    expect(allText(replies)).toMatch(/When is the next meeting\?/);
  });

  it('"start again" goes back to the menu', async () => {
    const replies = await (await midJourney()).say('start again');
    expect(allText(replies)).toMatch(/What is happening\?/);
  });

  it('"back" asks the previous question again, and the journey carries on from there', async () => {
    const chat = await midJourney();
    expect(allText(await chat.say('back'))).toMatch(/Where are things up to\?/);
    expect(allText(await chat.say('Conference soon'))).toMatch(/When is the next meeting\?/);
  });

  it('"back" on the first question says there is nothing to go back to', async () => {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Court');
    expect(allText(await chat.say('back'))).toMatch(/nothing to go back to/);
  });

  it('"talk to a person" in webchat hours offers to pass the conversation to an adviser', async () => {
    const chat = await midJourney();
    chat.test.services.handoffs.adviserSeen('sam');
    const replies = await chat.say('talk to a person');
    expect(allText(replies)).toMatch(/An adviser can chat with you now/);
    expect(replies[replies.length - 1].buttons).toEqual(['Yes, pass it on', 'No, thanks']);
  });

  it('"easy read" switches to shorter words for the rest of the journey', async () => {
    const chat = await midJourney();
    const replies = await chat.say('easy read');
    expect(allText(replies)).toMatch(/shorter messages/);
    expect(allText(await chat.say('skip'))).toMatch(/How old are they\?|How old are the children\?/);
  });

  it('"delete my data" asks first, and "no" keeps everything and goes back to the question', async () => {
    const chat = await midJourney();
    expect(allText(await chat.say('delete my data'))).toMatch(/cannot be undone/);
    const kept = allText(await chat.say('No, keep it'));
    expect(kept).toMatch(/I have not deleted anything/);
    expect(kept).toMatch(/When is the next meeting\?/);
  });

  it('"delete my data" then "yes" deletes the conversation, which starts afresh', async () => {
    const chat = await midJourney();
    await chat.say('delete my data');
    expect(allText(await chat.say('Yes, delete it'))).toMatch(/I have deleted this chat/);
    expect(allText(await chat.say('hello'))).toMatch(/computer, not a person/);
  });

  it('a clear question typed instead of an answer is answered, then the question is asked again', async () => {
    const chat = await midJourney();
    const replies = await chat.say('what is a core group');
    expect(allText(replies)).toMatch(/A child protection plan says/);
    expect(allText(replies)).toMatch(/When is the next meeting\?/);
  });

  it('offers a person after three answers in a row it could not understand', async () => {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Complaints');
    await chat.say('zzz');
    await chat.say('qqq');
    const offer = await chat.say('xxx');
    expect(offer[0].text).toBe('I am not understanding you well. A person might help.');
    expect(allText(offer)).toMatch(/advice line/);
  });
});

describe('dates in journeys', () => {
  it('counts working days across Christmas and its substitute bank holiday', async () => {
    const chat = startConversation({ now: new Date('2026-12-23T10:00:00Z') });
    await chat.say('hello');
    await chat.say('Court');
    await chat.say('A hearing date');
    expect(allText(await chat.say('30/12/2026'))).toMatch(/Do you mean Wednesday 30 December 2026\?/);
    await chat.say('Yes');
    const summary = allText(await chat.say('Yes'));
    expect(summary).toMatch(/Your court hearing is on Wednesday 30 December 2026\. That is 3 working days from today\./);
    expect(summary).toMatch(/Your date is very soon/);
  });

  it('reads "next Tuesday" against the message time in London and asks nothing more', async () => {
    const chat = startConversation({ now: new Date('2026-11-26T23:30:00Z') });
    await chat.say('hello');
    await chat.say('Child protection');
    await chat.say('Conference soon');
    expect(allText(await chat.say('the conference is next Tuesday'))).toMatch(/How old are the children/);
  });

  it('confirms a date that is only a day of the month, and asks again on "no"', async () => {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Court');
    await chat.say('Court papers');
    expect(allText(await chat.say('court on the 3rd'))).toMatch(/Do you mean Thursday 3 December 2026\?/);
    expect(allText(await chat.say('No'))).toMatch(/When is the meeting or the court hearing\?/);
  });

  it('does not accept a date that has passed, and says so', async () => {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Court');
    await chat.say('Court papers');
    expect(allText(await chat.say('it was yesterday'))).toMatch(/Sunday 22 November 2026 has already passed/);
  });
});

describe('a long silence', () => {
  it('starts afresh when someone comes back after more than a day', async () => {
    const chat = startConversation();
    await chat.say('hello');
    await chat.say('Child protection');
    chat.test.setNow(new Date('2026-11-25T14:00:00Z'));
    const replies = await chat.say('what is early help');
    expect(allText(replies)).toMatch(/Welcome back/);
    expect(allText(replies)).toMatch(/Early help/i);
  });
});
