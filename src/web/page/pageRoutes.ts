/**
 * The webchat page at / and the files it loads from /assets/: Web Chat's minimal bundle (from
 * node_modules/botframework-webchat), our script and our stylesheet, and the easy-read pictures
 * the bot's messages point to.
 */
import { join } from 'node:path';
import { Request, Response, Server } from 'restify';
import { Config } from '../../config/config';
import { Pictograms } from '../../content/pictograms';
import { PROJECT_ROOT } from '../../paths';
import { renderPage } from './pageHtml';
import { loadPageText, pageValues } from './pageText';
import { contentSecurityPolicy, newNonce, sendPage } from './securityHeaders';
import { StaticAssets } from './staticAssets';

/**
 * The minimal bundle has all this page uses (text, suggested actions, the live region) at half the
 * size of the full one, which adds Adaptive Cards, speech and markdown-it. Our script renders the
 * bot's small Markdown subset itself.
 */
export const WEBCHAT_BUNDLE = join(PROJECT_ROOT, 'node_modules', 'botframework-webchat', 'dist', 'webchat-minimal.js');
export const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'web', 'public');

/** `originOf` gives the base URL the visitor reached us at, for the page's connect-src. */
export function registerPageRoutes(server: Server, config: Config, originOf: (req: Request) => string): void {
  const text = loadPageText();
  const values = pageValues(config);
  const assets = new StaticAssets([
    { name: 'webchat.js', file: WEBCHAT_BUNDLE },
    { name: 'chat.js', file: join(PUBLIC_DIR, 'chat.js') },
    { name: 'chat.css', file: join(PUBLIC_DIR, 'chat.css') },
    ...Pictograms.load().all().map((picture) => ({ name: picture.assetName, file: picture.file })),
  ]);
  const assetUrls = { webchat: assets.url('webchat.js'), script: assets.url('chat.js'), style: assets.url('chat.css') };
  const azureEndpoint = config.DIRECTLINE_SECRET ? config.DIRECTLINE_ENDPOINT : undefined;

  assets.register(server);
  server.get('/', async (req: Request, res: Response) => {
    const styleNonce = newNonce();
    const html = renderPage({ text, values, adviceFormUrl: config.ADVICE_FORM_URL, assets: assetUrls, styleNonce });
    sendPage(res, html, contentSecurityPolicy({ baseUrl: originOf(req), azureEndpoint, styleNonce }));
  });
}
