/**
 * The baseline for `npm run bench`: a bare botbuilder echo bot on the same restify 11 + CloudAdapter
 * set-up as the real bot (restify body parser, ConfigurationBotFrameworkAuthentication with no app
 * id), with no state, storage or dialogs. It repeats each message's text and says hello when someone
 * joins. Run as a child process: listens on PORT (0: a free port) and prints its URL on stdout.
 */
import { AddressInfo } from 'node:net';
import restify, { Request, Response, Server } from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { stopWhenAsked } from './stopWhenAsked';

const MAX_BODY_BYTES = 1024 * 1024;

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const someoneElse = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (someoneElse) await context.sendActivity('Hello');
      await next();
    });
  }
}

function createEchoServer(): Server {
  const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
  const adapter = new CloudAdapter(auth);
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}

async function main(): Promise<void> {
  const server = createEchoServer();
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), resolve));
  stopWhenAsked(() => new Promise<void>((resolve) => server.close(() => resolve())));
  process.stdout.write(`http://localhost:${(server.address() as AddressInfo).port}\n`);
}

if (require.main === module) void main();
