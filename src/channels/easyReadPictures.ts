/**
 * Easy-read messages with pictures, for channels that can show them: each idea of a message (a
 * bullet, a heading, or one sentence of a paragraph) is sent as its own message, with its picture
 * as an image attachment whose name is the picture's alt text. The webchat page lays the picture
 * out on the idea's left, as easy-read guidance asks.
 */
import { Activity, ActivityTypes, Attachment } from 'botbuilder';
import { Picture, Pictograms } from '../content/pictograms';

const BULLET = /^\s*(?:[-*]|\d+\.)\s+/;
/** A sentence ends at . ! or ? followed by a space and a capital, a number or a link. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9[*])/;

/**
 * A paragraph in italics throughout ("_From … Not legal advice._"): easy-read guidance says not to
 * use italics, and each idea is its own message here anyway, so the emphasis goes.
 */
const EMPHASISED = /^(_|\*)([^_*]+)\1$/;

function sentencesOf(paragraph: string): string[] {
  return paragraph.replace(EMPHASISED, '$2').split(SENTENCE_END);
}

/** The ideas of a Markdown message, in order, each a line of its own. */
export function ideasOf(markdown: string): string[] {
  return markdown
    .split(/\r?\n\s*\r?\n/)
    .flatMap((paragraph) => {
      const lines = paragraph.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (lines.some((l) => BULLET.test(l))) return lines.map((l) => l.replace(BULLET, ''));
      return sentencesOf(lines.join(' '));
    })
    .map((idea) => idea.trim())
    .filter(Boolean);
}

export function pictureAttachment(picture: Picture): Attachment {
  return { contentType: 'image/svg+xml', contentUrl: picture.url, name: picture.alt };
}

/** One message per idea; an idea with a picture carries it, an idea without one is words alone. */
export function easyReadActivities(texts: readonly string[], pictograms: Pictograms): Partial<Activity>[] {
  return texts.flatMap(ideasOf).map((idea) => {
    const picture = pictograms.forIdea(idea);
    return {
      type: ActivityTypes.Message,
      text: idea,
      textFormat: 'markdown',
      ...(picture ? { attachments: [pictureAttachment(picture)] } : {}),
    };
  });
}
