/**
 * Easy-read answers with pictures: on the website chat each idea of an answer comes with a simple
 * picture (an image attachment with alt text); on SMS the words are as they always were. Every
 * message carries its plain text as `speak`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Activity, ActivityTypes } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../dialogs/mainDialog';
import { SafetyMiddleware } from '../src/bot/safetyMiddleware';
import { ideasOf } from '../src/channels/easyReadPictures';
import { Pictograms, PICTURES_DIR } from '../src/content/pictograms';
import { testServices } from './helpers/testServices';

function chatOn(channel: string) {
  const test = testServices();
  const client = new DialogTestClient(channel, new MainDialog(test.services), undefined, [new SafetyMiddleware(test.services.safetyAssessor)], test.conversationState);
  return async (text: string): Promise<Partial<Activity>[]> => {
    const replies: Partial<Activity>[] = [];
    for (let reply = await client.sendActivity({ type: ActivityTypes.Message, text, timestamp: test.services.now() }); reply; reply = client.getNextReply()) {
      if (reply.type === ActivityTypes.Message) replies.push(reply);
    }
    return replies;
  };
}

const pictureOf = (a: Partial<Activity>) => a.attachments?.[0];

describe('easy-read pictures', () => {
  const pictograms = Pictograms.load();

  it('finds the picture for an idea by its words, the more specific first', () => {
    expect(pictograms.forIdea('A social worker may visit your home.')?.id).toBe('social-worker');
    expect(pictograms.forIdea('The conference is a meeting about your child.')?.id).toBe('meeting');
    expect(pictograms.forIdea('If your child is in danger now, call 999.')?.id).toBe('danger');
    expect(pictograms.forIdea('You can phone the advice line.')?.id).toBe('phone');
    expect(pictograms.forIdea("Children's services must listen.")?.id).toBe('social-worker');
    expect(pictograms.forIdea('Hello there.')).toBeUndefined();
    for (const picture of pictograms.all()) {
      expect(picture.url).toMatch(/^\/assets\/picture-[a-z-]+\.[0-9a-f]{12}\.svg$/);
      expect(picture.alt.length).toBeGreaterThan(2);
    }
  });

  it('tells a content editor which entry of knowledge/pictograms.yaml is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pictograms-'));
    const file = (name: string, yaml: string) => {
      writeFileSync(join(dir, name), yaml);
      return join(dir, name);
    };
    expect(() => Pictograms.load(file('no-alt.yaml', 'pictures:\n  - id: phone\n    file: 1F4DE.svg\n    words: [phone]\n'))).toThrow(/pictures\.0\.alt/);
    expect(() => Pictograms.load(file('missing.yaml', 'pictures:\n  - id: phone\n    file: 1F4DF.svg\n    alt: A phone\n    words: [phone]\n'), PICTURES_DIR)).toThrow(/pictures\.0\.file: no 1F4DF\.svg/);
  });

  it('splits a message into ideas: sentences of a paragraph, and each bullet', () => {
    expect(ideasOf('You can ask for a meeting. Take a friend with you.\n\n- Write it down\n- Keep the letter')).toEqual([
      'You can ask for a meeting.',
      'Take a friend with you.',
      'Write it down',
      'Keep the letter',
    ]);
    expect(ideasOf('**What this means**')).toEqual(['**What this means**']);
    expect(ideasOf('_From the law. For England. Not legal advice._')).toEqual(['From the law.', 'For England.', 'Not legal advice.']);
  });

  it('on the website chat, gives each idea of an easy-read answer its own message with a picture on it', async () => {
    const say = chatOn('webchat');
    await say('easy read');
    const answer = await say('what is a child protection conference');
    const pictured = answer.filter((a) => pictureOf(a));
    expect(pictured.length).toBeGreaterThanOrEqual(3);
    for (const message of pictured) {
      expect(pictureOf(message)).toMatchObject({ contentType: 'image/svg+xml', contentUrl: expect.stringMatching(/^\/assets\/picture-/), name: expect.any(String) });
    }
    expect(pictured.map((a) => pictureOf(a)?.name)).toContain('People at a meeting');
    expect(answer.find((a) => a.text === 'Not legal advice.')).toBeDefined();
  });

  it('leaves answers without pictures when easy read is off', async () => {
    const say = chatOn('webchat');
    const answer = await say('what is a child protection conference');
    expect(answer.some((a) => a.attachments?.length)).toBe(false);
  });

  it.each(['sms', 'whatsapp'])('on %s, sends the easy-read answer as words only, as before', async (channel) => {
    const say = chatOn(channel);
    await say('easy read');
    const answer = await say('what is a child protection conference');
    expect(answer.some((a) => a.attachments?.length)).toBe(false);
    // One message, the answer and its source line together, as on any channel without pictures.
    expect(answer[0].text).toMatch(/^This is a big meeting about your child\.[^]*not legal advice\._?$/i);
  });

  it('gives every message its plain text to speak', async () => {
    const say = chatOn('webchat');
    const answer = await say('what is a child protection conference');
    for (const message of answer) {
      expect(message.speak).toBeTruthy();
      expect(message.speak).not.toMatch(/\*\*|\]\(/);
    }
  });
});
