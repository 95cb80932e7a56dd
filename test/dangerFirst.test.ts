/** Issue 12, item 13: on a first message about danger, 999 comes before the welcome, on every channel. */
import { Reply, startConversation } from './helpers/conversation';

/** Caught by search alone (the emergency article), and by the safety check. */
const dangerFirstMessages = ['who do I call at night about a child', 'is there a number I can ring right now', "my child hasn't come home and it's late at night"];
const welcomeAt = (replies: Reply[]) => replies.findIndex((r) => /computer/.test(r.text));

describe('a first message about danger', () => {
  for (const channel of ['sms', 'telegram', 'webchat'])
    for (const text of dangerFirstMessages)
      it(`on ${channel}, "${text}" gets 999 first and the welcome after it`, async () => {
        const chat = startConversation({ channel });
        const replies = await chat.say(text);
        expect(replies[0].text).toMatch(/call 999/);
        expect(welcomeAt(replies)).toBeGreaterThan(0);
        // The choices stay on the last message, after the welcome (on SMS as a numbered list).
        const last = replies[replies.length - 1];
        expect([last.text, ...last.buttons].join('\n')).toMatch(/Talk to a person/);
      });

  it('is welcomed once: the next answer has no welcome', async () => {
    const chat = startConversation({ channel: 'sms' });
    await chat.say('who do I call at night about a child');
    expect(welcomeAt(await chat.say('Tell me more'))).toBe(-1);
  });

  it('any other first message is welcomed first, as before', async () => {
    const chat = startConversation({ channel: 'sms' });
    const replies = await chat.say('the social want me to sign a section 20');
    expect(welcomeAt(replies)).toBe(0);
    expect(replies.map((r) => r.text).join('\n')).toMatch(/Section 20 means you agree/);
  });
});
