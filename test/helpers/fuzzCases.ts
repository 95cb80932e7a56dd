/**
 * Hostile HTTP requests for the fuzz test, made from a seeded PRNG. Case number i of seed s is
 * always the same request (given the same context), so a failure reproduces from its seed and
 * number alone. The families follow the outside review's fuzzer: odd and missing fields, wrong
 * types, deep nesting, __proto__, odd timestamps, content encodings with garbage, wrong content
 * types, invalid UTF-8, lone surrogates, long letter runs, big headers and URLs, bad cookies, bad
 * auth headers and WebSocket upgrades, across every route the server has.
 */
import { gzipSync } from 'node:zlib';

export interface FuzzCase {
  /** Family and mutation, e.g. "messages/text:letters_5000". */
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** A WebSocket upgrade request: it must be answered (101 or a refusal), never left hanging. */
  upgrade?: boolean;
  /** 5xx statuses this case may get on purpose (501 for an invoke no handler takes). */
  allowed5xx?: number[];
}

/** What a case may need from the running server: real ids and credentials, to get past the first check. */
export interface FuzzContext {
  serviceUrl: string;
  directLine: { token: string; conversationId: string };
  console: { cookie: string; csrf: string };
}

export type Rng = () => number;

/** mulberry32: small, fast and good enough to pick cases; the same seed gives the same stream. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one case: every case has its own stream, so one can be replayed alone. */
export function caseRng(seed: number, index: number): Rng {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function randomLetters(rng: Rng, n: number): string {
  const bytes = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) bytes[i] = 97 + Math.floor(rng() * 26);
  return bytes.toString('latin1');
}
const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const JSON_TYPE = { 'content-type': 'application/json' };

/** Hostile message texts, named. */
function hostileText(rng: Rng): [string, string] {
  const n = pick(rng, [1000, 1000, 1000, 5000, 5000, 20_000, 100_000]);
  const kinds: [string, () => string][] = [
    [`letters_${n}`, () => randomLetters(rng, n)],
    [`a_${n}`, () => 'a'.repeat(n - 1)],
    [`ligature_fi_${n / 2}`, () => '\ufb01'.repeat(n / 2)],
    [`mixed_case_${n}`, () => 'HeLp'.repeat(n / 4)],
    ['letters_300', () => randomLetters(rng, 300)],
    ['nul', () => 'hello\u0000world\u0000 what is section 20'],
    ['lone_high_surrogate', () => 'help \ud800 me'],
    ['lone_low_surrogate', () => '\udfff court'],
    ['zalgo', () => `h${Array.from({ length: 500 }, () => String.fromCharCode(0x300 + int(rng, 0, 0x6f))).join('')}elp`],
    ['rtl_override', () => '\u202egnitteem ecnerefnoc'],
    ['zero_width', () => 'he\u200bl\u200cp\u200d\ufeff me'],
    ['emoji_10k', () => '\u{1f600}'.repeat(10_000)],
    ['html_script', () => '<script>alert(1)</script><img src=x onerror=alert(1)> <svg onload=alert(3)>'],
    ['markdown_js_link', () => '[click me](javascript:alert(1)) ![x](javascript:alert(2))'],
    ['words_100k', () => 'help me please '.repeat(6667)],
    ['digits_100k', () => '7'.repeat(100_000)],
    ['dots_100k', () => '.'.repeat(100_000)],
    ['spaces_100k', () => ' '.repeat(100_000)],
    ['empty', () => ''],
    ['newlines', () => '\n\r\n\t'],
    ['question', () => pick(rng, ['what is section 20', 'talk to a person', 'delete my data', 'help', 'menu', 'easy read', 'Leave a message', 'I have 2 kids', 'my child is in danger now'])],
  ];
  const [name, make] = pick(rng, kinds);
  return [name, make()];
}

const ODD_TIMESTAMPS: readonly unknown[] = ['not a date', '', '2026-13-45T99:99:99Z', 'x'.repeat(64), 8640000000000001, 1e20, -1, 0, null, {}, [], true, '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z'];
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 1e308, true, [], {}, '', 'x'.repeat(10_000), [1, 2], { $ne: 1 }, JSON.parse('{"__proto__":{"polluted":true}}')];
const ACTIVITY_TYPES = ['message', 'event', 'invoke', 'conversationUpdate', 'typing', 'endOfConversation', 'messageReaction', 'installationUpdate', 'handoff', 'trace', 'delete', 'MESSAGE', '', 'x'.repeat(1000)];
const NEST_MARK = '"__nest_here__"';
let bomb: Buffer | undefined;
/** 10 MB of spaces, gzipped to about 10 kB; made once. */
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20)));

/** A nested JSON value, as text (building the object would overflow this process's own stack). */
function nested(rng: Rng): [string, string] {
  const depth = pick(rng, [1000, 1000, 5000, 20_000, 100_000]);
  return pick(rng, [
    [`arrays_${depth}`, '['.repeat(depth) + ']'.repeat(depth)],
    [`objects_${depth}`, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
  ]);
}

function baseActivity(rng: Rng, ctx: FuzzContext): Record<string, unknown> {
  const k = int(rng, 0, 39);
  return {
    type: 'message',
    id: `fuzz-${Math.floor(rng() * 1e9)}`,
    channelId: pick(rng, ['emulator', 'emulator', 'webchat', 'sms', 'telegram']),
    serviceUrl: ctx.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `fuzz-user-${k}`, name: 'Fuzz' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: `fuzz-conversation-${k}` },
    text: 'what is section 20',
    ...(rng() < 0.75 ? { deliveryMode: 'expectReplies' } : {}),
  };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof at[part] !== 'object' || at[part] === null) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  if (value === undefined) delete at[parts[parts.length - 1]];
  else at[parts[parts.length - 1]] = value;
}

const FIELDS = ['type', 'id', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'text', 'conversation.id', 'from.id', 'from.role', 'recipient.id', 'locale', 'textFormat', 'attachments', 'entities', 'channelData', 'value', 'replyToId', 'membersAdded', 'name'];

/** A mutated activity as JSON bytes, and the mutation's name. */
function mutatedActivity(rng: Rng, activity: Record<string, unknown>): { name: string; body: Buffer; allowed5xx?: number[] } {
  const mutation = pick(rng, ['text', 'text', 'text', 'missing', 'wrong', 'type', 'timestamp', 'nested', 'proto', 'duplicate', 'many', 'channel', 'handoffEvent', 'membersAdded', 'serviceUrl']);
  let name = mutation;
  let raw: string | undefined;
  switch (mutation) {
    case 'text': {
      const [textName, text] = hostileText(rng);
      activity.text = text;
      name = `text:${textName}`;
      break;
    }
    case 'missing': {
      const field = pick(rng, FIELDS);
      setPath(activity, field, undefined);
      name = `missing:${field}`;
      break;
    }
    case 'wrong': {
      const field = pick(rng, FIELDS);
      const index = int(rng, 0, WRONG_VALUES.length - 1);
      setPath(activity, field, WRONG_VALUES[index]);
      name = `wrong:${field}=${index}`;
      break;
    }
    case 'type': {
      activity.type = pick(rng, ACTIVITY_TYPES);
      name = `type:${String(activity.type).slice(0, 20)}`;
      break;
    }
    case 'timestamp': {
      const index = int(rng, 0, ODD_TIMESTAMPS.length - 1);
      activity[rng() < 0.7 ? 'timestamp' : 'localTimestamp'] = ODD_TIMESTAMPS[index];
      name = `timestamp:${index}`;
      break;
    }
    case 'nested': {
      const field = pick(rng, ['value', 'channelData', 'entities', 'attachments', 'text', 'from']);
      const [nestName, text] = nested(rng);
      activity[field] = '__nest_here__';
      raw = JSON.stringify(activity).replace(NEST_MARK, text);
      name = `nested:${field}:${nestName}`;
      break;
    }
    case 'proto': {
      const rest = JSON.stringify(activity).slice(1);
      raw = pick(rng, [
        `{"__proto__":{"polluted":"yes","type":"invoke"},${rest}`,
        `{"constructor":{"prototype":{"polluted":"yes"}},${rest}`,
        `{"conversation":{"__proto__":{"id":"other"}},${rest}`,
      ]);
      name = 'proto';
      break;
    }
    case 'duplicate': {
      raw = `{"type":"invoke","conversation":{"id":"dup"},${JSON.stringify(activity).slice(1)}`;
      name = 'duplicate_keys';
      break;
    }
    case 'many': {
      const field = pick(rng, ['attachments', 'entities', 'membersAdded']);
      const count = pick(rng, [1000, 1000, 10_000]);
      activity[field] = Array.from({ length: count }, (_, i) => (field === 'attachments' ? { contentType: 'text/plain', content: `a${i}` } : field === 'entities' ? { type: 'mention', text: `e${i}` } : { id: `m${i}` }));
      if (field === 'membersAdded') activity.type = 'conversationUpdate';
      name = `many:${field}_${count}`;
      break;
    }
    case 'channel': {
      activity.channelId = pick(rng, ['directline', 'msteams', 'x'.repeat(1000), '../../etc', '', 'WEBCHAT', 'slack']);
      name = `channel:${String(activity.channelId).slice(0, 12)}`;
      break;
    }
    case 'handoffEvent': {
      activity.type = 'event';
      activity.name = pick(rng, ['handoff.status', 'handoff.initiate', 'webchat/join', 'x']);
      activity.value = pick(rng, [{ state: 'completed' }, { state: 'accepted' }, { state: 'failed', message: 'x' }, null, 'completed', { state: { nested: 1 } }]);
      name = `event:${activity.name}`;
      break;
    }
    case 'membersAdded': {
      activity.type = 'conversationUpdate';
      activity.membersAdded = pick(rng, ['everyone', [{}], [null], [{ id: 'bot' }], 7, [{ id: { nested: 1 } }]]);
      name = 'conversationUpdate:membersAdded';
      break;
    }
    case 'serviceUrl': {
      // Only with expectReplies: the replies come back in the answer, so a hostile address is parsed but never called.
      activity.deliveryMode = 'expectReplies';
      activity.serviceUrl = pick(rng, ['not a url', '', 'javascript:alert(1)', 'file:///etc/passwd', 'http://[::1', 'x'.repeat(5000)]);
      name = 'serviceUrl';
      break;
    }
  }
  const isInvoke = activity.type === 'invoke' || mutation === 'duplicate' || mutation === 'proto';
  return { name, body: Buffer.from(raw ?? JSON.stringify(activity), 'utf8'), allowed5xx: isInvoke ? [501] : undefined };
}

/** Bodies that are not a JSON activity at all. */
function rawBody(rng: Rng, ctx: FuzzContext): { name: string; body: Buffer; headers: Record<string, string> } {
  const activityJson = JSON.stringify({ type: 'message', channelId: 'emulator', conversation: { id: 'fuzz-raw' }, from: { id: 'fuzz-raw-user' }, recipient: { id: 'bot' }, serviceUrl: ctx.serviceUrl, deliveryMode: 'expectReplies', text: 'hello' });
  const kinds: [string, () => Buffer, Record<string, string>?][] = [
    ['invalid_json', () => Buffer.from('{"type":"message",'), JSON_TYPE],
    ['random_bytes', () => Buffer.from(Array.from({ length: int(rng, 1, 5000) }, () => int(rng, 0, 255))), JSON_TYPE],
    ['invalid_utf8', () => Buffer.concat([Buffer.from(activityJson.slice(0, -9)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0xaf]), Buffer.from('"}')]), JSON_TYPE],
    ['utf16le', () => Buffer.from(activityJson, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }],
    ['text_1mb', () => Buffer.from('a'.repeat(1024 * 1024)), JSON_TYPE],
    ['text_2mb', () => Buffer.from(`{"text":"${'b'.repeat(2 * 1024 * 1024)}"}`), JSON_TYPE],
    ['keys_50k', () => Buffer.from(`{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`), JSON_TYPE],
    ['key_500kb', () => Buffer.from(`{"${'k'.repeat(500_000)}":1}`), JSON_TYPE],
    ['empty', () => Buffer.alloc(0), JSON_TYPE],
    ['json_null', () => Buffer.from('null'), JSON_TYPE],
    ['json_array', () => Buffer.from('[]'), JSON_TYPE],
    ['json_string', () => Buffer.from('"message"'), JSON_TYPE],
    ['json_number', () => Buffer.from('123'), JSON_TYPE],
    ['json_true', () => Buffer.from('true'), JSON_TYPE],
    ['form_encoded', () => Buffer.from(`type=message&channelId=emulator&conversation[id]=fuzz-form&from[id]=u&recipient[id]=bot&text=hello&deliveryMode=expectReplies&serviceUrl=${encodeURIComponent(ctx.serviceUrl)}`), { 'content-type': 'application/x-www-form-urlencoded' }],
  ];
  const [name, make, headers] = pick(rng, kinds);
  return { name: `raw:${name}`, body: make(), headers: headers ?? JSON_TYPE };
}

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', '', 'garbage/garbage', 'application/json, text/plain', 'APPLICATION/JSON', 'application/octet-stream', 'application/json; charset=nonsense'];

/** The same valid-looking body with an encoding that lies or a type that does not fit. */
function encodingCase(rng: Rng, body: Buffer): { name: string; body: Buffer; headers: Record<string, string> } {
  const kind = pick(rng, ['gzip_garbage', 'deflate_garbage', 'br_garbage', 'gzip_valid', 'gzip_truncated', 'gzip_bomb', 'gzip_identity', 'unknown_encoding', 'content_type']);
  switch (kind) {
    case 'gzip_garbage':
      return { name: 'encoding:gzip_garbage', body, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } };
    case 'deflate_garbage':
      return { name: 'encoding:deflate_garbage', body, headers: { ...JSON_TYPE, 'content-encoding': 'deflate' } };
    case 'br_garbage':
      return { name: 'encoding:br_garbage', body, headers: { ...JSON_TYPE, 'content-encoding': 'br' } };
    case 'gzip_valid':
      return { name: 'encoding:gzip_valid', body: gzipSync(body), headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } };
    case 'gzip_truncated': {
      const zipped = gzipSync(body);
      return { name: 'encoding:gzip_truncated', body: zipped.subarray(0, Math.max(10, zipped.length >> 1)), headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } };
    }
    case 'gzip_bomb':
      return { name: 'encoding:gzip_bomb_10mb', body: gzipBomb(), headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } };
    case 'gzip_identity':
      return { name: 'encoding:gzip_identity', body, headers: { ...JSON_TYPE, 'content-encoding': 'gzip, identity' } };
    case 'unknown_encoding':
      return { name: 'encoding:unknown', body, headers: { ...JSON_TYPE, 'content-encoding': pick(rng, ['x-unknown', 'compress', 'identity, gzip, br']) } };
    default: {
      const type = pick(rng, CONTENT_TYPES);
      return { name: `content_type:${type.slice(0, 24) || 'none'}`, body, headers: type ? { 'content-type': type } : {} };
    }
  }
}

function messagesCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const roll = rng();
  if (roll < 0.66) {
    const { name, body, allowed5xx } = mutatedActivity(rng, baseActivity(rng, ctx));
    return { name: `messages/${name}`, method: 'POST', path: '/api/messages', headers: JSON_TYPE, body, allowed5xx };
  }
  if (roll < 0.8) {
    const { name, body, headers } = rawBody(rng, ctx);
    return { name: `messages/${name}`, method: 'POST', path: '/api/messages', headers, body };
  }
  if (roll < 0.95) {
    const { name, body, headers } = encodingCase(rng, json(baseActivity(rng, ctx)));
    return { name: `messages/${name}`, method: 'POST', path: '/api/messages', headers, body };
  }
  const method = pick(rng, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  return { name: `messages/method:${method}`, method, path: '/api/messages', headers: JSON_TYPE, body: method === 'GET' || method === 'HEAD' ? undefined : json(baseActivity(rng, ctx)) };
}

const ALG_NONE_JWT = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"conv":"x","user":"dl_x"}').toString('base64url')}.`;

function authorization(rng: Rng, ctx: FuzzContext): [string, Record<string, string>] {
  const token = ctx.directLine.token;
  const variants: [string, string | undefined][] = [
    ['valid', `Bearer ${token}`],
    ['valid', `Bearer ${token}`],
    ['valid', `Bearer ${token}`],
    ['none', undefined],
    ['empty', ''],
    ['bearer_only', 'Bearer'],
    ['bearer_space', 'Bearer '],
    ['garbage', 'Bearer garbage'],
    ['huge', `Bearer ${'x'.repeat(12_000)}`],
    ['basic', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['alg_none', `Bearer ${ALG_NONE_JWT}`],
    ['two_tokens', `Bearer ${token}, Bearer ${token}`],
    ['double_space', `Bearer  ${token}`],
    ['lower_case', `bearer ${token}`],
    ['truncated', `Bearer ${token.slice(0, -3)}`],
  ];
  const [name, value] = pick(rng, variants);
  return [name, value === undefined ? {} : { authorization: value }];
}

const ODD_IDS = ['abc', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(5000), '%zz', '%E2%80%AE', '%00', '0', '-1', 'null', '__proto__', 'constructor'];
const ODD_WATERMARKS = ['-1', 'abc', '1e20', '', '%zz', '99999999999999999999', '0', '1.5'];

function clientActivity(rng: Rng): { name: string; body: Buffer } {
  const activity: Record<string, unknown> = { type: 'message', text: 'what is section 20', from: { id: 'fuzz-webchat', name: 'Parent' }, channelData: { clientActivityID: `c${Math.floor(rng() * 1e9)}` } };
  const mutation = pick(rng, ['text', 'text', 'text', 'wrong', 'missing', 'type', 'timestamp', 'nested', 'from_bot', 'proto', 'raw']);
  switch (mutation) {
    case 'text': {
      const [name, text] = hostileText(rng);
      activity.text = text;
      return { name: `text:${name}`, body: json(activity) };
    }
    case 'wrong': {
      const field = pick(rng, ['text', 'type', 'from', 'channelData', 'attachments', 'value', 'from.id', 'channelData.clientActivityID', 'conversation']);
      const index = int(rng, 0, WRONG_VALUES.length - 1);
      setPath(activity, field, WRONG_VALUES[index]);
      return { name: `wrong:${field}=${index}`, body: json(activity) };
    }
    case 'missing': {
      const field = pick(rng, ['type', 'text', 'from', 'channelData']);
      setPath(activity, field, undefined);
      return { name: `missing:${field}`, body: json(activity) };
    }
    case 'type':
      activity.type = pick(rng, ACTIVITY_TYPES);
      return { name: `type:${String(activity.type).slice(0, 20)}`, body: json(activity) };
    case 'timestamp': {
      const index = int(rng, 0, ODD_TIMESTAMPS.length - 1);
      activity.timestamp = ODD_TIMESTAMPS[index];
      return { name: `timestamp:${index}`, body: json(activity) };
    }
    case 'nested': {
      const field = pick(rng, ['value', 'channelData', 'attachments', 'text']);
      const [nestName, text] = nested(rng);
      activity[field] = '__nest_here__';
      return { name: `nested:${field}:${nestName}`, body: Buffer.from(JSON.stringify(activity).replace(NEST_MARK, text)) };
    }
    case 'from_bot':
      activity.from = { id: 'advice-bot', name: 'Family Rights Group', role: 'bot' };
      return { name: 'from_bot', body: json(activity) };
    case 'proto':
      return { name: 'proto', body: Buffer.from(`{"__proto__":{"polluted":"yes"},${JSON.stringify(activity).slice(1)}`) };
    default:
      return { name: 'raw_invalid_json', body: Buffer.from('{"type":"message","text":') };
  }
}

function directLineCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const [authName, auth] = authorization(rng, ctx);
  const realId = encodeURIComponent(ctx.directLine.conversationId);
  const id = rng() < 0.7 ? realId : pick(rng, ODD_IDS);
  const base = '/v3/directline';
  const route = pick(rng, ['post_activity', 'post_activity', 'post_activity', 'get_activities', 'reconnect', 'start', 'generate', 'refresh', 'upload', 'encoding']);
  const name = (what: string) => `directline/${route}/${what}/auth:${authName}${id === realId ? '' : '/odd_id'}`;
  switch (route) {
    case 'post_activity': {
      const { name: activityName, body } = clientActivity(rng);
      return { name: name(activityName), method: 'POST', path: `${base}/conversations/${id}/activities`, headers: { ...JSON_TYPE, ...auth }, body };
    }
    case 'get_activities': {
      const watermark = pick(rng, ODD_WATERMARKS);
      return { name: name(`watermark:${watermark.slice(0, 8)}`), method: 'GET', path: `${base}/conversations/${id}/activities?watermark=${watermark}`, headers: auth };
    }
    case 'reconnect': {
      const watermark = pick(rng, ODD_WATERMARKS);
      return { name: name(`watermark:${watermark.slice(0, 8)}`), method: 'GET', path: `${base}/conversations/${id}?watermark=${watermark}`, headers: auth };
    }
    case 'start':
    case 'generate': {
      const body = pick(rng, ['{}', '{"user":{"id":"dl_fuzz"}}', '{"user":{"id":123}}', '{"user":"x"}', 'garbage', '[]', `{"user":{"id":"${'u'.repeat(5000)}"}}`]);
      const path = route === 'start' ? `${base}/conversations` : `${base}/tokens/generate`;
      return { name: name(`body:${body.slice(0, 16)}`), method: 'POST', path, headers: { ...JSON_TYPE, ...auth }, body: Buffer.from(body) };
    }
    case 'refresh':
      return { name: name('refresh'), method: 'POST', path: `${base}/tokens/refresh`, headers: auth };
    case 'upload':
      return { name: name('upload'), method: 'POST', path: `${base}/conversations/${id}/upload?userId=x`, headers: { 'content-type': 'multipart/form-data; boundary=b', ...auth }, body: Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n') };
    default: {
      const encoded = encodingCase(rng, clientActivity(rng).body);
      return { name: name(encoded.name), method: 'POST', path: `${base}/conversations/${id}/activities`, headers: { ...encoded.headers, ...auth }, body: encoded.body };
    }
  }
}

function tokenRouteCase(rng: Rng): FuzzCase {
  const kind = pick(rng, ['body', 'method', 'encoding', 'content_type']);
  const path = '/api/directline/token';
  if (kind === 'method') {
    const method = pick(rng, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    return { name: `token/method:${method}`, method, path, headers: {} };
  }
  const body = Buffer.from(pick(rng, ['{}', '', 'garbage', '[]', '{"user":{"id":"x"}}', `{"x":"${'y'.repeat(50_000)}"}`, 'null']));
  if (kind === 'body') return { name: `token/body:${body.toString().slice(0, 12)}`, method: 'POST', path, headers: JSON_TYPE, body };
  const encoded = encodingCase(rng, body.length ? body : Buffer.from('{}'));
  return { name: `token/${encoded.name}`, method: 'POST', path, headers: encoded.headers, body: encoded.body };
}

function upgradeCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const id = encodeURIComponent(ctx.directLine.conversationId);
  const [name, path] = pick(rng, [
    ['stream_no_ticket', `/v3/directline/conversations/${id}/stream`],
    ['stream_bad_ticket', `/v3/directline/conversations/${id}/stream?t=garbage`],
    ['stream_wrong_conversation', '/v3/directline/conversations/nope/stream?t=garbage'],
    ['other_path_messages', '/api/messages'],
    ['other_path_root', '/'],
    ['other_path_healthz', '/healthz'],
    ['other_path_events', '/advisers/api/events'],
    ['other_path_conversations', '/v3/directline/conversations'],
  ] as const);
  const version = rng() < 0.2 ? '99' : '13';
  return {
    name: `upgrade/${name}${version === '13' ? '' : '/bad_version'}`,
    method: 'GET',
    path,
    upgrade: true,
    headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': version, 'sec-websocket-key': Buffer.from(Array.from({ length: 16 }, () => int(rng, 0, 255))).toString('base64') },
  };
}

function connectorCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const id = rng() < 0.5 ? encodeURIComponent(ctx.directLine.conversationId) : pick(rng, ODD_IDS);
  const activityId = pick(rng, ['a1', 'x'.repeat(3000), '%zz', '0']);
  const [routeName, method, path] = pick(rng, [
    ['send', 'POST', `/directline-connector/v3/conversations/${id}/activities`],
    ['reply', 'POST', `/directline-connector/v3/conversations/${id}/activities/${activityId}`],
    ['update', 'PUT', `/directline-connector/v3/conversations/${id}/activities/${activityId}`],
    ['delete', 'DELETE', `/directline-connector/v3/conversations/${id}/activities/${activityId}`],
    ['members', 'GET', `/directline-connector/v3/conversations/${id}/members`],
    ['unknown', 'PATCH', `/directline-connector/v3/conversations/${id}/activities`],
  ] as const);
  const kinds: [string, () => Buffer][] = [
    ['bot_message', () => json({ type: 'message', text: 'Fuzz: a message from nobody', from: { id: 'advice-bot' } })],
    ['wrong_types', () => json({ type: 7, text: [], from: 'x', attachments: 'y' })],
    ['garbage', () => Buffer.from('{{{')],
    ['empty', () => Buffer.alloc(0)],
    ['hostile_text', () => json({ type: 'message', text: hostileText(rng)[1] })],
    ['nested', () => Buffer.from(JSON.stringify({ type: 'message', value: '__nest_here__' }).replace(NEST_MARK, nested(rng)[1]))],
    ['timestamp', () => json({ type: 'message', text: 'x', timestamp: pick(rng, ODD_TIMESTAMPS) })],
  ];
  const [bodyName, make] = pick(rng, kinds);
  const encoded = rng() < 0.1 ? encodingCase(rng, make()) : { name: bodyName, body: make(), headers: JSON_TYPE };
  return { name: `connector/${routeName}/${encoded.name}`, method, path, headers: encoded.headers, body: method === 'GET' || method === 'DELETE' ? undefined : encoded.body };
}

const ODD_HANDOFF_IDS = ['1', '2', '-1', '0', '1e999', 'abc', '%zz', 'x'.repeat(5000), '1%3BDROP%20TABLE%20handoffs', '99999999999999999999', '1.5'];

function consoleCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const id = pick(rng, ODD_HANDOFF_IDS);
  const routes: [string, string, string, boolean][] = [
    ['session_get', 'GET', '/advisers/api/session', false],
    ['session_delete', 'DELETE', '/advisers/api/session', true],
    ['queue', 'GET', '/advisers/api/queue', false],
    ['handoff', 'GET', `/advisers/api/handoffs/${id}`, false],
    ['accept', 'POST', `/advisers/api/handoffs/${id}/accept`, true],
    ['send', 'POST', `/advisers/api/handoffs/${id}/messages`, true],
    ['end', 'POST', `/advisers/api/handoffs/${id}/end`, true],
    ['messages', 'GET', '/advisers/api/messages', false],
    ['done', 'POST', `/advisers/api/messages/${id}/done`, true],
    ['feedback', 'GET', '/advisers/api/feedback', false],
    ['events', 'GET', '/advisers/api/events', false],
    ['accounts', 'GET', '/advisers/api/accounts', false],
    ['account_disable', 'POST', `/advisers/api/accounts/${id}/disabled`, true],
    ['account_password', 'POST', `/advisers/api/accounts/${id}/password`, true],
    ['audit', 'GET', `/advisers/api/audit?before=${id}`, false],
    ['reports', 'GET', `/advisers/api/reports?from=${id}&to=${id}`, false],
    ['reports_csv', 'GET', `/advisers/api/reports/${id}.csv`, false],
  ];
  const [routeName, method, path, changes] = pick(rng, routes);
  const session = `adviser_session=${ctx.console.cookie.split('=').slice(1).join('=')}`;
  const credentials: [string, Record<string, string>][] = [
    ['no_cookie', {}],
    ['random_session', { cookie: `adviser_session=${Buffer.from(Array.from({ length: 32 }, () => int(rng, 0, 255))).toString('base64url')}` }],
    ['bad_escape_cookie', { cookie: 'x=%zz' }],
    ['bad_escape_session', { cookie: 'adviser_session=%zz; other=%E0%A4%A' }],
    ['huge_cookie', { cookie: `adviser_session=${'a'.repeat(17_000)}` }],
    ['many_cookies', { cookie: Array.from({ length: 300 }, (_, i) => `c${i}=v${i}`).join('; ') }],
    ['session_no_csrf', { cookie: session }],
    ['session_wrong_csrf', { cookie: session, 'x-csrf-token': 'wrong' }],
    ['session_empty_csrf', { cookie: session, 'x-csrf-token': '' }],
    ['session_huge_csrf', { cookie: session, 'x-csrf-token': 'c'.repeat(10_000) }],
    ['session_case_csrf', { cookie: session, 'x-csrf-token': ctx.console.csrf.toUpperCase() === ctx.console.csrf ? ctx.console.csrf.toLowerCase() : ctx.console.csrf.toUpperCase() }],
    ['session_truncated_csrf', { cookie: session, 'x-csrf-token': ctx.console.csrf.slice(0, -2) }],
  ];
  // With a valid session, only reads get the real CSRF token: a fuzzer that accepted, ended or signed out would change what it tests.
  if (!changes && routeName !== 'events') credentials.push(['session_valid', { cookie: session, 'x-csrf-token': ctx.console.csrf }]);
  let [credentialName, headers] = pick(rng, credentials);
  // A valid session on the event stream would hold the stream open; that path is tested without one.
  if (routeName === 'events' && credentialName.startsWith('session')) [credentialName, headers] = credentials[0];
  const queryCsrf = changes && rng() < 0.1 ? `?csrf=${encodeURIComponent(ctx.console.csrf)}` : '';
  let body: Buffer | undefined;
  let bodyHeaders: Record<string, string> = {};
  let bodyName = '';
  if (method === 'POST' || method === 'DELETE') {
    const [kind, make] = pick(rng, [
      ['text', () => json({ text: hostileText(rng)[1] })],
      ['wrong', () => json({ text: pick(rng, WRONG_VALUES) })],
      ['garbage', () => Buffer.from('not json')],
      ['form', () => Buffer.from(`text=hello&csrf=${ctx.console.csrf}`)],
      ['csrf_in_body', () => json({ csrfToken: ctx.console.csrf, text: 'x' })],
    ] as [string, () => Buffer][]);
    body = make();
    bodyName = `/body:${kind}`;
    bodyHeaders = kind === 'form' ? { 'content-type': 'application/x-www-form-urlencoded' } : JSON_TYPE;
    if (rng() < 0.1) {
      const encoded = encodingCase(rng, body);
      body = encoded.body;
      bodyHeaders = encoded.headers;
      bodyName = `/${encoded.name}`;
    }
  }
  return { name: `console/${routeName}/${credentialName}${queryCsrf ? '/csrf_in_query' : ''}${bodyName}`, method, path: path + queryCsrf, headers: { ...bodyHeaders, ...headers }, body };
}

function signInCase(rng: Rng): FuzzCase {
  // Never a well-formed wrong password: the sign-in limiter is tested elsewhere and must not lock the fuzzer out.
  const [name, body, headers] = pick(rng, [
    ['empty_object', '{}', JSON_TYPE],
    ['numbers', '{"username":1,"password":2}', JSON_TYPE],
    ['nulls', '{"username":null,"password":null}', JSON_TYPE],
    ['arrays', '{"username":["fuzz-nobody"],"password":["x"]}', JSON_TYPE],
    ['missing_password', '{"username":"fuzz-nobody"}', JSON_TYPE],
    ['proto', '{"__proto__":{"username":"fuzz-nobody","password":"x"}}', JSON_TYPE],
    ['garbage', '{{', JSON_TYPE],
    ['nested', `{"username":${'['.repeat(5000)}${']'.repeat(5000)}}`, JSON_TYPE],
    ['form', 'username[]=fuzz-nobody&password[]=x', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['text', 'username=fuzz-nobody', { 'content-type': 'text/plain' }],
    ['gzip_garbage', '{"username":1}', { ...JSON_TYPE, 'content-encoding': 'gzip' }],
  ] as [string, string, Record<string, string>][]);
  return { name: `console/sign_in/${name}`, method: 'POST', path: '/advisers/api/session', headers, body: Buffer.from(body) };
}

const ENDPOINTS = ['/healthz', '/api/messages', '/', '/advisers/api/queue', '/v3/directline/conversations', '/api/directline/token'];

function urlAndHeaderCase(rng: Rng): FuzzCase {
  const path = pick(rng, ENDPOINTS);
  const method = path === '/api/messages' || path === '/api/directline/token' ? 'POST' : 'GET';
  const kind = pick(rng, ['url_1k', 'url_10k', 'url_100k', 'header_8k', 'header_17k', 'header_100k', 'headers_200', 'headers_2000', 'cookie_17k', 'odd_host', 'long_host', 'odd_path']);
  const headers: Record<string, string> = method === 'POST' ? { ...JSON_TYPE } : {};
  let url = path;
  switch (kind) {
    case 'url_1k':
    case 'url_10k':
    case 'url_100k':
      url = `${path}?q=${'a'.repeat(Number(kind.slice(4, -1)) * 1000)}`;
      break;
    case 'header_8k':
    case 'header_17k':
    case 'header_100k':
      headers['x-fuzz'] = 'h'.repeat(Number(kind.slice(7, -1)) * 1000);
      break;
    case 'headers_200':
    case 'headers_2000':
      for (let i = 0; i < Number(kind.slice(8)); i++) headers[`x-fuzz-${i}`] = String(i);
      break;
    case 'cookie_17k':
      headers.cookie = `a=${'c'.repeat(17_000)}`;
      break;
    case 'odd_host':
      headers.host = pick(rng, ['evil.example', 'localhost:99999', '[::1', '', '..']);
      break;
    case 'long_host':
      headers.host = 'h'.repeat(1000);
      break;
    default:
      url = pick(rng, [`${path}/..%2f..%2f`, `${path}%00`, `${path}?%zz=%zz`, `/%2e%2e/%2e%2e/etc/passwd`, `//${path}`, `${path}?a[b][c][d]=1&__proto__[x]=1`]);
  }
  return { name: `url_header/${kind}${path}`, method, path: url, headers, body: method === 'POST' ? Buffer.from('{}') : undefined };
}

function pageCase(rng: Rng): FuzzCase {
  const [name, method, path] = pick(rng, [
    ['page', 'GET', '/'],
    ['page_head', 'HEAD', '/'],
    ['page_options', 'OPTIONS', '/'],
    ['healthz', 'GET', '/healthz'],
    ['unknown_asset', 'GET', '/assets/chat.0123456789abcdef.js'],
    ['asset_traversal', 'GET', '/assets/..%2F..%2Fpackage.json'],
    ['asset_traversal_dots', 'GET', '/assets/%2e%2e/%2e%2e/package.json'],
    ['console_page', 'GET', '/advisers'],
    ['console_asset_traversal', 'GET', '/advisers/assets/..%2F..%2F..%2Fpackage.json'],
    ['console_asset_odd', 'GET', `/advisers/assets/${'x'.repeat(3000)}`],
    ['favicon', 'GET', '/favicon.ico'],
  ] as const);
  return { name: `page/${name}`, method, path, headers: pick<Record<string, string>>(rng, [{}, { 'accept-encoding': 'br, gzip' }, { 'accept-encoding': 'x'.repeat(5000) }, { 'if-none-match': '"x"' }, { range: 'bytes=999999-' }]) };
}

/** Case number `index` of `seed`: the family is chosen with the weights below, then the details. */
export function makeCase(seed: number, index: number, ctx: FuzzContext): FuzzCase {
  const rng = caseRng(seed, index);
  const roll = rng();
  if (roll < 0.4) return messagesCase(rng, ctx);
  if (roll < 0.58) return directLineCase(rng, ctx);
  if (roll < 0.62) return tokenRouteCase(rng);
  if (roll < 0.625) return upgradeCase(rng, ctx);
  if (roll < 0.72) return connectorCase(rng, ctx);
  if (roll < 0.88) return consoleCase(rng, ctx);
  if (roll < 0.9) return signInCase(rng);
  if (roll < 0.96) return urlAndHeaderCase(rng);
  return pageCase(rng);
}
