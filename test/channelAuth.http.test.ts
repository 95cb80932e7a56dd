/**
 * Channel authentication, for real: the bot checks tokens against a local OpenID metadata
 * document and key set, signed with this test's own RSA key, and signs its replies with a token
 * from a local login (Azure AD's client-credentials flow, through MSAL). Only a token this test's
 * channel issued for this bot, for this serviceUrl, and still in date, starts a turn; every
 * other one gets 401, never a 500.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { startTestServer, TestServer } from './helpers/testServer';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const APP_PASSWORD = 'local-test-secret';
const CHANNEL_ISSUER = 'https://api.botframework.com';
const OUTGOING_TOKEN = 'token-from-the-local-login';
const KEY_ID = 'local-channel-key';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function listen(server: Server, handler: Handler): Promise<string> {
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => handler(req, await readBody(req), res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signToken(claims: Record<string, unknown>, key: KeyObject, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: KEY_ID }): string {
  const signed = `${b64(header)}.${b64(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

/** A self-signed certificate for 127.0.0.1: MSAL talks to a login only over https. */
function loopbackCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'login-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a bot with an app id, checking channel tokens against its own OpenID metadata', () => {
  const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const servers: Server[] = [];
  const replies: { path: string; authorization?: string; text?: string }[] = [];
  const tokenRequests: URLSearchParams[] = [];
  let connectorUrl = '';
  let bot: TestServer;

  beforeAll(async () => {
    // botframework-connector prints the whole key set each time a token names a key it lacks.
    const consoleError = console.error.bind(console);
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).startsWith('Error finding key for token')) consoleError(...args);
    });
    const metadata = createHttpServer();
    servers.push(metadata);
    let metadataBase = '';
    metadataBase = `http://${await listen(metadata, (req, _body, res) => {
      if (req.url === '/v1/.well-known/openidconfiguration') return json(res, 200, { issuer: CHANNEL_ISSUER, jwks_uri: `${metadataBase}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      if (req.url === '/v1/keys') return json(res, 200, { keys: [{ ...channelKey.publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', endorsements: ['webchat'] }] });
      json(res, 404, {});
    })}`;

    // The channel's connector: it records each reply the bot sends and who signed it.
    const connector = createHttpServer();
    servers.push(connector);
    connectorUrl = `http://${await listen(connector, (req, body, res) => {
      replies.push({ path: req.url ?? '', authorization: req.headers.authorization, text: (JSON.parse(body) as { text?: string }).text });
      json(res, 200, { id: `reply-${replies.length}` });
    })}/`;

    const { key, cert } = loopbackCertificate();
    const login = createHttpsServer({ key, cert });
    servers.push(login);
    let loginBase = '';
    const loginHost = await listen(login, (req, body, res) => {
      if (req.url?.startsWith('/botframework.com/v2.0/.well-known/openid-configuration')) {
        return json(res, 200, {
          issuer: `${loginBase}/botframework.com/v2.0`,
          token_endpoint: `${loginBase}/botframework.com/oauth2/v2.0/token`,
          authorization_endpoint: `${loginBase}/botframework.com/oauth2/v2.0/authorize`,
          end_session_endpoint: `${loginBase}/botframework.com/oauth2/v2.0/logout`,
          jwks_uri: `${loginBase}/botframework.com/discovery/v2.0/keys`,
        });
      }
      if (req.url?.startsWith('/botframework.com/oauth2/v2.0/token') && req.method === 'POST') {
        tokenRequests.push(new URLSearchParams(body));
        return json(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: OUTGOING_TOKEN });
      }
      json(res, 404, {});
    });
    loginBase = `https://${loginHost}`;

    // botbuilder's own factory builds MSAL without knownAuthorities, so MSAL would ask
    // login.microsoftonline.com to vouch for any other login; this one is told to trust the local one.
    const msal = new ConfidentialClientApplication({
      auth: { clientId: APP_ID, clientSecret: APP_PASSWORD, authority: `${loginBase}/botframework.com`, knownAuthorities: [loginHost] },
      system: { customAgentOptions: { ca: cert } },
    });
    bot = await startTestServer({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, BOT_OPENID_METADATA_URL: `${metadataBase}/v1/.well-known/openidconfiguration` }, undefined, undefined, {
      channelCredentials: new MsalServiceClientCredentialsFactory(APP_ID, msal),
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await bot?.stop();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const goodClaims = () => ({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: connectorUrl, nbf: now() - 60, exp: now() + 3600 });

  let turn = 0;
  async function send(authorization: string | undefined) {
    const conversation = `auth-${++turn}`;
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ type: 'message', id: `m-${turn}`, text: 'what is early help', channelId: 'webchat', serviceUrl: connectorUrl, conversation: { id: conversation }, from: { id: 'family-1' }, recipient: { id: APP_ID } }),
    });
    return { status: response.status, text: await response.text(), conversation };
  }

  it('takes a message with a token the channel signed, and signs its replies with its own token from the login', async () => {
    const { status, conversation } = await send(`Bearer ${signToken(goodClaims(), channelKey.privateKey)}`);
    expect(status).toBe(200);
    const toThisConversation = replies.filter((r) => r.path.startsWith(`/v3/conversations/${conversation}/activities`));
    expect(toThisConversation.length).toBeGreaterThan(0);
    expect(toThisConversation.every((r) => r.authorization === `Bearer ${OUTGOING_TOKEN}`)).toBe(true);
    expect(tokenRequests.at(-1)?.get('grant_type')).toBe('client_credentials');
    expect(tokenRequests.at(-1)?.get('client_id')).toBe(APP_ID);
    expect(tokenRequests.at(-1)?.get('scope')).toBe('https://api.botframework.com/.default');
  });

  const forged: [string, () => string | undefined][] = [
    ['no token at all', () => undefined],
    ['a token for another bot (wrong audience)', () => `Bearer ${signToken({ ...goodClaims(), aud: '99999999-9999-9999-9999-999999999999' }, channelKey.privateKey)}`],
    ['a token that expired an hour ago', () => `Bearer ${signToken({ ...goodClaims(), nbf: now() - 7200, exp: now() - 3600 }, channelKey.privateKey)}`],
    ['an unsigned token (alg none)', () => `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: KEY_ID })}.${b64(goodClaims())}.`],
    ['a token from another issuer, signed with the right key', () => `Bearer ${signToken({ ...goodClaims(), iss: 'https://sts.example.org/' }, channelKey.privateKey)}`],
    ['a token for another serviceUrl than the activity says', () => `Bearer ${signToken({ ...goodClaims(), serviceurl: 'http://127.0.0.1:1/' }, channelKey.privateKey)}`],
    ['a token signed with a stranger key under the right key id', () => `Bearer ${signToken(goodClaims(), strangerKey.privateKey)}`],
    ['a token under a key id the metadata does not list', () => `Bearer ${signToken(goodClaims(), channelKey.privateKey, { alg: 'RS256', typ: 'JWT', kid: 'unknown' })}`],
    ['an HS256 token keyed with the public key', () => `Bearer ${hs256WithPublicKey()}`],
    ['a header that is not a token', () => 'Bearer not-a-token'],
    // The SDK sends a token naming the Emulator's issuer to Microsoft's own keys, which never hold this key.
    ['a token claiming to come from the Emulator', () => `Bearer ${signToken({ ...goodClaims(), iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID }, channelKey.privateKey)}`],
  ];

  function hs256WithPublicKey(): string {
    const signed = `${b64({ alg: 'HS256', typ: 'JWT', kid: KEY_ID })}.${b64(goodClaims())}`;
    const secret = channelKey.publicKey.export({ format: 'pem', type: 'spki' });
    return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
  }

  it.each(forged)('answers %s with 401, starts no turn and sends no reply', async (_name, authorization) => {
    const before = replies.length;
    const { status, text, conversation } = await send(authorization());
    expect(status).toBe(401);
    expect(text).not.toMatch(/Unauthorized\.|claim|issuer|audience|expired|127\.0\.0\.1/i);
    expect(replies.length).toBe(before);
    expect(await bot.sql.get('SELECT COUNT(*) AS n FROM transcript WHERE conversation_id = ?', [conversation])).toEqual({ n: 0 });
  });
});

describe('a bot with an app id whose OpenID metadata cannot be read', () => {
  it('answers a well-formed token with 401, not a 500 that says where it looked', async () => {
    const broken = createHttpServer();
    const host = await listen(broken, (_req, _body, res) => json(res, 500, { error: 'down' }));
    const bot = await startTestServer({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, BOT_OPENID_METADATA_URL: `http://${host}/v1/.well-known/openidconfiguration` });
    try {
      const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const now = Math.floor(Date.now() / 1000);
      const token = signToken({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', nbf: now - 60, exp: now + 3600 }, key);
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ type: 'message', text: 'hello', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'no-keys' }, from: { id: 'u' }, recipient: { id: APP_ID } }),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toMatch(/openID|Failed to load|127\.0\.0\.1/i);
    } finally {
      await bot.stop();
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
