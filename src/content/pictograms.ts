/**
 * The easy-read pictures: knowledge/pictograms.yaml (validated with zod when loaded) and the SVG
 * files in knowledge/pictures/. Finds the picture for one idea by its words, and names the files
 * the website serves, under hashed names at /assets/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/describeZodError';
import { plainWords } from '../language/plainWords';
import { KNOWLEDGE_DIR } from '../paths';
import { hashedName } from './hashedName';

export const PICTOGRAMS_FILE = join(KNOWLEDGE_DIR, 'pictograms.yaml');
export const PICTURES_DIR = join(KNOWLEDGE_DIR, 'pictures');

const pictureSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'ids are lower-case words joined by hyphens'),
  file: z.string().regex(/^[0-9A-F]+(-[0-9A-F]+)*\.svg$/, 'an OpenMoji file name, e.g. 1F4DE.svg'),
  alt: z.string().trim().min(3).max(60),
  words: z.array(z.string().trim().min(1)).min(1),
});

export const pictogramsSchema = z.strictObject({
  pictures: z
    .array(pictureSchema)
    .min(1)
    .refine((pictures) => new Set(pictures.map((p) => p.id)).size === pictures.length, 'every picture needs its own id'),
});

export interface Picture {
  id: string;
  alt: string;
  /** Where the website serves it, e.g. /assets/picture-phone.1a2b3c4d5e6f.svg. */
  url: string;
  /** The name the website's asset list knows it by, e.g. picture-phone.svg. */
  assetName: string;
  file: string;
}

interface Entry {
  picture: Picture;
  /** The words as plain words, each padded with spaces for whole-word matching. */
  words: string[];
}

export class Pictograms {
  private constructor(private readonly entries: Entry[]) {}

  static load(file = PICTOGRAMS_FILE, picturesDir = PICTURES_DIR): Pictograms {
    const parsed = pictogramsSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    return new Pictograms(
      parsed.data.pictures.map((p, index) => {
        const svg = join(picturesDir, p.file);
        if (!existsSync(svg)) throw new Error(`${file}: pictures.${index}.file: no ${p.file} in ${picturesDir}`);
        const assetName = `picture-${p.id}.svg`;
        const url = `/assets/${hashedName(assetName, readFileSync(svg))}`;
        return { picture: { id: p.id, alt: p.alt, url, assetName, file: svg }, words: p.words.map((w) => ` ${plainWords(w)} `) };
      }),
    );
  }

  /** The picture for an idea: the first in the list with one of its words in the idea. */
  forIdea(text: string): Picture | undefined {
    const said = ` ${plainWords(text)} `;
    return this.entries.find((e) => e.words.some((w) => said.includes(w)))?.picture;
  }

  all(): Picture[] {
    return this.entries.map((e) => e.picture);
  }
}
