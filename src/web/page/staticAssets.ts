/**
 * Files the page loads (Web Chat's bundle from node_modules, our own script and stylesheet), served
 * from /assets/ under names that carry a hash of their content, so browsers may keep them for a year.
 * Each is compressed once (gzip, and Brotli for browsers that take it) and kept in memory: Web Chat
 * is 1.9 MB as it is and about 0.37 MB with Brotli, which matters on a phone with little data.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Request, Response, Server } from 'restify';
import { hashedName } from '../../content/hashedName';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface AssetSource {
  /** The name the page uses to ask for the asset, e.g. "webchat.js". */
  name: string;
  file: string;
}

interface Asset {
  url: string;
  file: string;
  contentType: string;
  body: Buffer;
}

interface Compressed {
  gzip?: Buffer;
  br?: Buffer;
  pending?: Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Shared by every server in the process (tests start many): compressing Web Chat costs a few seconds of CPU. */
const compressedCache = new Map<string, Compressed>();

export class StaticAssets {
  private readonly byName = new Map<string, Asset>();
  private readonly byUrlName = new Map<string, Asset>();

  constructor(sources: AssetSource[]) {
    for (const { name, file } of sources) {
      const body = readFileSync(file);
      const urlName = hashedName(name, body);
      const asset = { url: `/assets/${urlName}`, file, contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream', body };
      this.byName.set(name, asset);
      this.byUrlName.set(urlName, asset);
    }
  }

  /** The URL of an asset by its plain name. */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`No asset named ${name}`);
    return asset.url;
  }

  register(server: Server): void {
    server.get('/assets/:name', async (req: Request, res: Response) => {
      const asset = this.byUrlName.get(String(req.params.name));
      if (!asset) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
        res.end('Not found');
        return;
      }
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const compressed = await compressedFor(asset);
      const [encoding, body] =
        compressed.br && /\bbr\b/.test(accepts)
          ? ['br', compressed.br]
          : compressed.gzip && /\bgzip\b/.test(accepts)
            ? ['gzip', compressed.gzip]
            : [undefined, asset.body];
      res.writeHead(200, {
        'content-type': asset.contentType,
        'content-length': body.length,
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'Accept-Encoding',
        'x-content-type-options': 'nosniff',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(body);
    });
  }
}

/**
 * gzip is ready within a tenth of a second; best-quality Brotli takes seconds on Web Chat, so it is
 * made in the background and used once ready (meanwhile Brotli at a quick setting is served).
 */
async function compressedFor(asset: Asset): Promise<Compressed> {
  const key = `${asset.file}:${asset.url}`;
  let entry = compressedCache.get(key);
  if (!entry) {
    const created: Compressed = {};
    entry = created;
    compressedCache.set(key, created);
    const brotli = (quality: number) =>
      brotliAsync(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: asset.body.length } });
    created.pending = Promise.all([gzipAsync(asset.body, { level: 9 }), brotli(5)]).then(([gz, br]) => {
      created.gzip = gz;
      created.br = br;
      brotli(11).then((best) => (created.br = best), () => undefined);
    }, () => undefined); // should compressing fail, the file is served as it is
  }
  await entry.pending;
  return entry;
}
