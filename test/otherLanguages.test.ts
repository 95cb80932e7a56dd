/** A family writing in Polish or Urdu is told, kindly and in their language, how to get help. */
import { allText, startConversation } from './helpers/conversation';

describe('a message in another language', () => {
  it('gets the English line and one in Polish, with the advice line number', async () => {
    const chat = startConversation();
    await chat.open();
    const text = allText(await chat.say('Dzień dobry, opieka społeczna chce zabrać moje dzieci. Co mam robić?'));
    expect(text).toMatch(/I can only help in English for now/);
    expect(text).toMatch(/Na razie mogę pomagać tylko po angielsku/);
    expect(text).toMatch(/0808 801 0366/);
  });

  it('gets a line in Urdu for a first message in Urdu', async () => {
    const chat = startConversation();
    const text = allText(await chat.say('مجھے مدد کی ضرورت ہے، سوشل ورکر میرے بچوں کو لے جانا چاہتا ہے'));
    expect(text).toMatch(/ابھی میں صرف انگریزی میں مدد کر سکتا ہوں/);
  });

  it('still answers English written in text-speak', async () => {
    const chat = startConversation();
    await chat.open();
    expect(allText(await chat.say('wat is a cp plan'))).not.toMatch(/only help in English/);
  });
});
