/**
 * The adviser console at /advisers: its page and assets, and its JSON API. Every API call but
 * signing in needs a valid session cookie (HttpOnly, SameSite=Strict, Secure when served over
 * TLS); every call that changes something also needs the session's CSRF token in a header.
 * Sign-in attempts are rate-limited. New queue entries and messages reach the page by
 * server-sent events, so nothing needs reloading. A lead also manages accounts, reads the audit
 * log and the reports (pages at /advisers/accounts, /advisers/audit and /advisers/reports); their
 * API answers an adviser with 403.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { describeZodError } from '../../config/describeZodError';
import { HandoffService } from '../../handoff/handoffService';
import { BankHolidays } from '../../hours/bankHolidays';
import { Logger } from '../../logging/logger';
import { PROJECT_ROOT } from '../../paths';
import { FeedbackStore } from '../../storage/feedbackStore';
import { KnowledgeBase } from '../../content/knowledgeBase';
import { fillLetter, Letter } from '../../content/letters';
import { SavedReply } from '../../content/savedReplies';
import { SearchIndex } from '../../search/searchIndex';
import { HandoffStore } from '../../handoff/handoffStore';
import { NoteStore } from '../../handoff/noteStore';
import { AVAILABILITY } from '../../handoff/adviserPresence';
import { Adviser, AdviserAccounts, onePassword, ROLES, Session, USERNAME } from './adviserAccounts';
import { ReportQueries } from '../../reports/reportQueries';
import { buildReports, rangeSchema, REPORT_NAMES, toCsv } from '../../reports/reports';
import { viewOf } from './consoleView';
import { AuditLog } from './auditLog';
import { channelProfile } from '../../channels/channelProfile';
import { SignInLimiter } from './signInLimiter';
import { ConsoleEventStreams } from './consoleEvents';
import { clientAddress } from '../clientAddress';
import { consoleSorry, guardedRoutes } from '../internalErrors';

export interface ConsoleParts {
  accounts: AdviserAccounts;
  handoffs: HandoffService;
  handoffStore: HandoffStore;
  notes: NoteStore;
  audit: AuditLog;
  feedback: FeedbackStore;
  reports: ReportQueries;
  knowledge: KnowledgeBase;
  search: SearchIndex;
  letters: readonly Letter[];
  savedReplies: readonly SavedReply[];
  holidays: BankHolidays;
  logger: Logger;
  now: () => Date;
  /** Whether the public address is https: cookies are then marked Secure. */
  secure: () => boolean;
  /** TRUST_PROXY: how many proxies of our own stand in front, for the sign-in limit's client address. */
  trustedProxies: number;
  /** The sign-in limit, shared by every instance on the same database. */
  signIns: SignInLimiter;
}

const COOKIE = 'adviser_session';
const CSRF_HEADER = 'x-csrf-token';
const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'web', 'advisers', 'public');
const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'alerts.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'lead.js': 'text/javascript; charset=utf-8',
};
/** Chart.js's own build, served from its package: the reports page loads nothing from elsewhere. */
const CHART_BUNDLE = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
const LEAD_PAGES = ['/advisers/reports', '/advisers/accounts', '/advisers/audit'];
const AUDIT_PAGE_SIZE = 50;
/** All that works for someone who must choose their own password: seeing that, choosing it, signing out. */
const PASSWORD_CHANGE_ROUTES = ['GET /advisers/api/session', 'DELETE /advisers/api/session', 'POST /advisers/api/session/password'];
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const signInSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
const availabilitySchema = z.object({ status: z.enum(AVAILABILITY) }).strict();
const noteSchema = z.object({ text: z.string().trim().min(1, 'type a note').max(4000) }).strict();
const transferSchema = z
  .object({ to: z.string().trim().min(1, "say who takes the chat, or 'queue'").max(64), note: z.string().trim().max(4000).optional() })
  .strict();
export const OUTCOMES = ['advice-given', 'referred', 'call-back', 'safeguarding-concern'] as const;
const outcomeSchema = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().max(4000).optional() }).strict();
const messageSchema = z.object({ text: z.string().trim().min(1, 'type a message').max(4000) }).strict();
const password = z.string().min(12, 'use at least 12 characters').max(256);
const newAccountSchema = z
  .object({ username: z.string().trim().toLowerCase().regex(USERNAME, 'use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter'), role: z.enum(ROLES), password: password.optional() })
  .strict();
const passwordSchema = z.object({ password: password.optional() }).strict();
const ownPasswordSchema = z.object({ password }).strict();
const disableSchema = z.object({ disabled: z.boolean() }).strict();
const auditQuerySchema = z.object({ before: z.coerce.number().int().positive().optional() }).strict();

/** Reads the Cookie header. Other apps on the same host may set cookies we cannot decode: those are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const value = safeDecode(part.slice(index + 1).trim());
    if (value !== undefined) cookies[part.slice(0, index).trim()] = value;
  }
  return cookies;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const problem = (res: Response, status: number, message: string, headers: Record<string, string> = {}) => sendJson(res, status, { error: message }, headers);

export function consoleRoutes(parts: ConsoleParts): (server: Server) => void {
  const page = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

  const cookie = (token: string, maxAgeSeconds: number) =>
    [`${COOKIE}=${encodeURIComponent(token)}`, 'Path=/advisers', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(parts.secure() ? ['Secure'] : [])].join('; ');

  /** The session, or a 401 already sent. */
  const session = async (req: Request, res: Response): Promise<Session | undefined> => {
    const found = await parts.accounts.session(parseCookies(req.headers.cookie)[COOKIE]);
    if (!found) {
      problem(res, 401, 'Please sign in.');
      return undefined;
    }
    // Signed in with a password a lead gave: until they choose their own, they are not at work yet.
    if (found.passwordChangeDue) {
      if (PASSWORD_CHANGE_ROUTES.includes(`${req.method} ${req.getRoute()?.path}`)) return found;
      problem(res, 403, 'Choose your own password first.');
      return undefined;
    }
    parts.handoffs.adviserSeen(found.adviser.username);
    return found;
  };

  /** The session of a request that changes something: it must carry the session's CSRF token too. */
  const changingSession = async (req: Request, res: Response): Promise<Session | undefined> => {
    const found = await session(req, res);
    if (!found) return undefined;
    if (req.headers[CSRF_HEADER] !== found.csrfToken) {
      problem(res, 403, 'This request is missing its security token. Reload the page and try again.');
      return undefined;
    }
    // Recorded as asked: a refused change is an action too, and says as much about who tried what.
    const action = `${req.method} ${req.getRoute()?.path ?? req.path()}`;
    const target = req.params?.id ?? req.params?.username;
    await parts.audit.record(found.adviser.username, action, target === undefined ? undefined : String(target), parts.now());
    return found;
  };

  /** A lead's session, or a 401 or 403 already sent. */
  const leadOnly = (found: Session | undefined, res: Response): Session | undefined => {
    if (found && found.adviser.role !== 'lead') {
      problem(res, 403, 'Only a lead can do this.');
      return undefined;
    }
    return found;
  };

  const handoffId = (req: Request) => Number.parseInt(String(req.params?.id ?? ''), 10);
  const query = (req: Request) => Object.fromEntries(new URL(req.url ?? '', 'http://console').searchParams);
  const streams = new ConsoleEventStreams({ handoffs: parts.handoffs, sessionOf: (token) => parts.accounts.session(token), headers: SECURITY_HEADERS });

  return (server) => {
    const routes = guardedRoutes(server, parts.logger, consoleSorry);
    routes.get('/advisers', async (_req: Request, res: Response) => {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page('console.html'));
    });

    // The pages load for anyone (they hold no data); what they show comes from the lead-only API.
    for (const path of LEAD_PAGES) {
      routes.get(path, async (_req: Request, res: Response) => {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
        res.end(page('lead.html'));
      });
    }

    // 210 KB, read once, on first use.
    let chartBundle: Buffer | undefined;
    routes.get('/advisers/assets/chart.js', async (_req: Request, res: Response) => {
      chartBundle ??= readFileSync(CHART_BUNDLE);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(chartBundle);
    });

    routes.get('/advisers/assets/:file', async (req: Request, res: Response) => {
      const file = String(req.params?.file ?? '');
      const type = ASSETS[file];
      if (!type) return problem(res, 404, 'Not found.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type });
      res.end(page(file));
    });

    routes.post('/advisers/api/session', async (req: Request, res: Response) => {
      const parsed = signInSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, `Sign-in needs a username and password (${describeZodError(parsed.error)}).`);
      const username = parsed.data.username.toLowerCase();
      const admitted = await parts.signIns.begin(username, clientAddress(req, parts.trustedProxies));
      if (!admitted.ok) {
        const wait = admitted.retryAfterSeconds;
        const when = wait < 60 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
        return problem(res, 429, `Too many attempts. Try again in ${when}.`, { 'Retry-After': String(wait) });
      }
      let adviser: Adviser | undefined;
      try {
        adviser = await parts.accounts.verify(username, parsed.data.password);
      } catch (error) {
        await admitted.attempt.failed();
        throw error;
      }
      if (!adviser) {
        await admitted.attempt.failed();
        parts.logger.warn({ route: 'sign-in' }, 'adviser sign-in failed');
        return problem(res, 401, 'That username or password is not right.');
      }
      await admitted.attempt.succeeded();
      const { token, session: started } = await parts.accounts.startSession(adviser);
      parts.logger.info({ adviserId: adviser.id }, 'adviser signed in');
      await parts.audit.record(adviser.username, 'sign in', undefined, parts.now());
      const passwordChangeDue = (await parts.accounts.session(token))?.passwordChangeDue ?? false;
      sendJson(res, 200, { adviser: adviser.username, role: adviser.role, csrfToken: started.csrfToken, passwordChangeDue }, { 'Set-Cookie': cookie(token, Math.floor((started.expiresAt - parts.now().getTime()) / 1000)) });
    });

    routes.get('/advisers/api/session', async (req: Request, res: Response) => {
      const found = await session(req, res);
      if (found) sendJson(res, 200, { adviser: found.adviser.username, role: found.adviser.role, csrfToken: found.csrfToken, passwordChangeDue: found.passwordChangeDue });
    });

    routes.post('/advisers/api/session/password', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = ownPasswordSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const changed = await parts.accounts.changeOwnPassword(found, parseCookies(req.headers.cookie)[COOKIE], parsed.data.password);
      if (changed === 'same') return problem(res, 400, 'password: choose a new password, not the one you were given');
      sendJson(res, 200, { changed: true });
    });

    routes.del('/advisers/api/session', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const token = parseCookies(req.headers.cookie)[COOKIE];
      await parts.accounts.endSession(token);
      streams.closeSession(token);
      parts.handoffs.adviserGone(found.adviser.username);
      sendJson(res, 200, { signedOut: true }, { 'Set-Cookie': cookie('', 0) });
    });

    routes.get('/advisers/api/queue', async (req: Request, res: Response) => {
      if (!(await session(req, res))) return;
      const now = parts.now();
      const live = await parts.handoffs.live();
      const lastFamilyAt = await Promise.all(live.map((h) => parts.handoffs.lastFamilyLineAt(h.conversationId)));
      sendJson(res, 200, {
        now: now.toISOString(),
        advisersOnline: await parts.handoffs.advisersOnline(),
        advisers: await parts.handoffs.advisers(),
        waiting: (await parts.handoffs.waiting()).map((h, index) => viewOf(h, index + 1, parts.holidays, now)),
        live: live.map((h, index) => {
          const at = lastFamilyAt[index];
          return { ...viewOf(h, undefined, parts.holidays, now), lastFamilyMessageAt: at === undefined ? null : new Date(at).toISOString() };
        }),
      });
    });

    routes.get('/advisers/api/handoffs/:id', async (req: Request, res: Response) => {
      if (!(await session(req, res))) return;
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff) return problem(res, 404, 'There is no such conversation.');
      const position = handoff.status === 'waiting' ? (await parts.handoffs.placeOf(handoff.id)).position : undefined;
      sendJson(res, 200, {
        handoff: viewOf(handoff, position, parts.holidays, parts.now()),
        transcript: await parts.handoffs.transcript(handoff.conversationId),
        notes: (await parts.notes.forConversation(handoff.conversationId)).map((n) => ({ ...n, at: new Date(n.at).toISOString() })),
        outcome: await parts.handoffStore.outcomeOf(handoff.id),
        rating: await parts.handoffs.ratingOf(handoff.id),
      });
    });

    // Any adviser may note something on any conversation: a colleague taking it over reads it.
    routes.post('/advisers/api/handoffs/:id/notes', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = noteSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff) return problem(res, 404, 'There is no such conversation.');
      const note = await parts.notes.add({ conversationId: handoff.conversationId, handoffId: handoff.id, adviser: found.adviser.username, text: parsed.data.text, at: parts.now() });
      sendJson(res, 200, { note: { ...note, at: new Date(note.at).toISOString() } });
    });

    routes.post('/advisers/api/availability', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = availabilitySchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, `Availability must be available, busy or away (${describeZodError(parsed.error)}).`);
      parts.handoffs.setAvailability(found.adviser.username, parsed.data.status);
      sendJson(res, 200, { status: parsed.data.status });
    });

    routes.post('/advisers/api/handoffs/:id/accept', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      if (await parts.handoffs.atLimit(found.adviser.username)) return problem(res, 409, 'You already have as many live chats as you can take at once. End one before you accept another.');
      const ok = await parts.handoffs.accept(handoffId(req), found.adviser.username);
      if (!ok) return problem(res, 409, 'Someone has already taken this conversation, or the person stopped waiting.');
      sendJson(res, 200, { accepted: true });
    });

    routes.post('/advisers/api/handoffs/:id/messages', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = messageSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff || handoff.status !== 'with_adviser') return problem(res, 409, 'This conversation is not live.');
      if (handoff.adviser !== found.adviser.username) return problem(res, 403, 'Another adviser has this conversation.');
      const sent = await parts.handoffs.sendFromAdviser(handoff.id, found.adviser.username, parsed.data.text);
      if (sent === 'lost') return problem(res, 409, 'This chat has ended. The family\'s chat window was closed or lost, so your message did not reach them.');
      if (sent === 'not_live') return problem(res, 409, 'This conversation is not live.');
      sendJson(res, 200, { sent: true });
    });

    routes.post('/advisers/api/handoffs/:id/typing', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff || handoff.status !== 'with_adviser') return problem(res, 409, 'This conversation is not live.');
      if (handoff.adviser !== found.adviser.username) return problem(res, 403, 'Another adviser has this conversation.');
      await parts.handoffs.typingFromAdviser(handoff.id);
      sendJson(res, 200, { typing: true });
    });

    routes.post('/advisers/api/handoffs/:id/transfer', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = transferSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff || handoff.status !== 'with_adviser') return problem(res, 409, 'This conversation is not live.');
      if (handoff.adviser !== found.adviser.username) return problem(res, 403, 'Another adviser has this conversation.');
      const to = parsed.data.to.toLowerCase();
      if (!(await parts.handoffs.transfer(handoff.id, found.adviser.username, to))) {
        return problem(res, 409, 'That adviser cannot take this chat now: they are away, signed out, or have as many chats as they can take.');
      }
      const where = to === 'queue' ? 'Passed back to the queue' : `Passed to ${to}`;
      const text = parsed.data.note ? `${where}: ${parsed.data.note}` : `${where}.`;
      await parts.notes.add({ conversationId: handoff.conversationId, handoffId: handoff.id, adviser: found.adviser.username, text, at: parts.now() });
      sendJson(res, 200, { transferred: true });
    });

    routes.post('/advisers/api/handoffs/:id/outcome', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = outcomeSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, `The outcome must be one of ${OUTCOMES.join(', ')} (${describeZodError(parsed.error)}).`);
      const handoff = await parts.handoffs.get(handoffId(req));
      if (!handoff || !(await parts.handoffStore.setOutcome(handoff.id, found.adviser.username, parsed.data.outcome))) {
        return problem(res, 409, 'Only the adviser who had this chat can record its outcome, once, after it ends.');
      }
      if (parsed.data.note) await parts.notes.add({ conversationId: handoff.conversationId, handoffId: handoff.id, adviser: found.adviser.username, text: `After the chat: ${parsed.data.note}`, at: parts.now() });
      sendJson(res, 200, { outcome: parsed.data.outcome });
    });

    routes.post('/advisers/api/handoffs/:id/end', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const handoff = await parts.handoffs.get(handoffId(req));
      if (handoff?.status === 'with_adviser' && handoff.adviser !== found.adviser.username) return problem(res, 403, 'Another adviser has this conversation.');
      if (!(await parts.handoffs.end(handoffId(req), found.adviser.username))) return problem(res, 409, 'This conversation is not live.');
      sendJson(res, 200, { ended: true });
    });

    routes.get('/advisers/api/messages', async (req: Request, res: Response) => {
      if (!(await session(req, res))) return;
      sendJson(res, 200, {
        messages: (await parts.handoffStore.leftMessages()).map((m) => ({
          id: m.id,
          channel: m.channelId,
          text: m.text,
          summary: m.summary,
          createdAt: new Date(m.createdAt).toISOString(),
          done: m.doneAt !== null,
          canReply: channelProfile(m.channelId).proactive,
          doneBy: m.doneBy,
        })),
      });
    });

    routes.post('/advisers/api/messages/:id/reply', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      const parsed = messageSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const message = await parts.handoffStore.leftMessage(handoffId(req));
      if (!message) return problem(res, 404, 'There is no such message.');
      if (!channelProfile(message.channelId).proactive) return problem(res, 409, 'This channel does not let us write first. Use the contact details the family gave, if any.');
      const sent = await parts.handoffs.replyToLeftMessage(message, found.adviser.username, parsed.data.text);
      if (sent === 'gone') return problem(res, 409, "The family's chat has closed, so your answer could not reach them there.");
      if (sent === 'failed') return problem(res, 502, 'Your answer could not be sent just now. Please try again.');
      if (sent === 'opted_out') return problem(res, 409, 'This family has opted out of messages (they sent STOP), so your answer was not sent. Use other contact details they gave, if any.');
      await parts.handoffStore.markDone(message.id, found.adviser.username, parts.now());
      parts.handoffs.emit('changed');
      sendJson(res, 200, { sent: true });
    });

    routes.post('/advisers/api/messages/:id/done', async (req: Request, res: Response) => {
      const found = await changingSession(req, res);
      if (!found) return;
      if (!(await parts.handoffStore.markDone(handoffId(req), found.adviser.username, parts.now()))) return problem(res, 409, 'That message is already done, or does not exist.');
      parts.handoffs.emit('changed');
      sendJson(res, 200, { done: true });
    });

    // Words to start a reply from: articles found by the bot's own search, letters and saved replies whose titles match.
    routes.get('/advisers/api/replies', async (req: Request, res: Response) => {
      if (!(await session(req, res))) return;
      const query = (new URL(req.url ?? '', 'http://console').searchParams.get('q') ?? '').trim().slice(0, 200);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const matches = (title: string) => words.every((w) => title.toLowerCase().includes(w));
      const articles = query ? parts.search.search(query, 5).results.map((r) => parts.knowledge.get(r.id)).filter((a) => a !== undefined) : [];
      sendJson(res, 200, {
        articles: articles.map((a) => ({ id: a.id, title: a.title, text: a.summary })),
        letters: parts.letters.filter((l) => matches(`${l.title} ${l.button}`)).map((l) => ({ id: l.id, title: l.title, text: fillLetter(l, {}) })),
        saved: parts.savedReplies.filter((r) => matches(`${r.title} ${r.text}`)).map((r) => ({ id: r.id, title: r.title, text: r.text })),
      });
    });

    routes.get('/advisers/api/feedback', async (req: Request, res: Response) => {
      if (!(await session(req, res))) return;
      sendJson(res, 200, {
        unhelpful: (await parts.feedback.unhelpful()).map((f) => ({
          ...f,
          title: (f.articleId && parts.knowledge.get(f.articleId)?.title) ?? f.journeyId ?? 'Unknown',
          lastAt: new Date(f.lastAt).toISOString(),
        })),
      });
    });

    // ----- a lead's routes: accounts, the audit log, reports ----------------------------------

    routes.get('/advisers/api/accounts', async (req: Request, res: Response) => {
      if (!leadOnly(await session(req, res), res)) return;
      const accounts = await parts.accounts.accounts();
      sendJson(res, 200, {
        accounts: accounts.map((a) => ({ username: a.username, role: a.role, createdAt: new Date(a.createdAt).toISOString(), disabled: a.disabledAt !== null })),
      });
    });

    // With no password given, one is made and shown once, here: the lead passes it on. Either way
    // it is for one sign-in: the new adviser then chooses their own.
    routes.post('/advisers/api/accounts', async (req: Request, res: Response) => {
      const found = leadOnly(await changingSession(req, res), res);
      if (!found) return;
      const parsed = newAccountSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      if (await parts.accounts.find(parsed.data.username)) return problem(res, 409, `There is already an account called ${parsed.data.username}.`);
      const given = parsed.data.password ?? onePassword();
      await parts.accounts.add(parsed.data.username, given, parsed.data.role, true);
      await parts.audit.record(found.adviser.username, `account added (${parsed.data.role})`, parsed.data.username, parts.now());
      sendJson(res, 200, { username: parsed.data.username, role: parsed.data.role, ...(parsed.data.password ? {} : { password: given }) });
    });

    routes.post('/advisers/api/accounts/:username/disabled', async (req: Request, res: Response) => {
      const found = leadOnly(await changingSession(req, res), res);
      if (!found) return;
      const parsed = disableSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const username = String(req.params?.username ?? '');
      if (username === found.adviser.username) return problem(res, 409, 'You cannot disable your own account. Ask another lead.');
      if (!(await parts.accounts.setDisabled(username, parsed.data.disabled))) return problem(res, 404, 'There is no such account.');
      if (parsed.data.disabled) {
        streams.closeAdviser(username);
        parts.handoffs.adviserGone(username);
      }
      await parts.audit.record(found.adviser.username, parsed.data.disabled ? 'account disabled' : 'account enabled', username, parts.now());
      sendJson(res, 200, { username, disabled: parsed.data.disabled });
    });

    routes.post('/advisers/api/accounts/:username/password', async (req: Request, res: Response) => {
      const found = leadOnly(await changingSession(req, res), res);
      if (!found) return;
      const parsed = passwordSchema.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const username = String(req.params?.username ?? '');
      const given = parsed.data.password ?? onePassword();
      if (!(await parts.accounts.setPassword(username, given, true))) return problem(res, 404, 'There is no such account.');
      streams.closeAdviser(username);
      await parts.audit.record(found.adviser.username, 'password reset', username, parts.now());
      sendJson(res, 200, { username, ...(parsed.data.password ? {} : { password: given }) });
    });

    routes.get('/advisers/api/audit', async (req: Request, res: Response) => {
      if (!leadOnly(await session(req, res), res)) return;
      const parsed = auditQuerySchema.safeParse(query(req));
      if (!parsed.success) return problem(res, 400, describeZodError(parsed.error));
      const entries = await parts.audit.page(parsed.data.before, AUDIT_PAGE_SIZE + 1);
      const shown = entries.slice(0, AUDIT_PAGE_SIZE);
      sendJson(res, 200, {
        entries: shown.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
        before: entries.length > AUDIT_PAGE_SIZE ? shown[shown.length - 1].id : null,
      });
    });

    routes.get('/advisers/api/reports', async (req: Request, res: Response) => {
      if (!leadOnly(await session(req, res), res)) return;
      const parsed = rangeSchema.safeParse(query(req));
      if (!parsed.success) return problem(res, 400, `The dates are not right (${describeZodError(parsed.error)}).`);
      sendJson(res, 200, await buildReports(parts.reports, parts.knowledge, parsed.data, parts.now()));
    });

    routes.get('/advisers/api/reports/:file', async (req: Request, res: Response) => {
      if (!leadOnly(await session(req, res), res)) return;
      const name = String(req.params?.file ?? '').replace(/\.csv$/, '');
      if (!String(req.params?.file ?? '').endsWith('.csv') || !(REPORT_NAMES as readonly string[]).includes(name)) return problem(res, 404, 'There is no such report.');
      const parsed = rangeSchema.safeParse(query(req));
      if (!parsed.success) return problem(res, 400, `The dates are not right (${describeZodError(parsed.error)}).`);
      const reports = await buildReports(parts.reports, parts.knowledge, parsed.data, parts.now());
      const table = reports.tables.find((t) => t.name === name)!;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}-${reports.from}-to-${reports.to}.csv"`,
      });
      res.end(toCsv(table));
    });

    routes.get('/advisers/api/events', async (req: Request, res: Response) => {
      const found = await session(req, res);
      if (found) streams.open(req, res, parseCookies(req.headers.cookie)[COOKIE], found);
    });
  };
}
