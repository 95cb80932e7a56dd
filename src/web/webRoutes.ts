/**
 * The web side of the server, besides the Bot Framework endpoint: the webchat page and its local
 * Direct Line service, and the adviser console. Each part registers its own routes here.
 *
 * Webchat: the page at / gets a token from POST /api/directline/token. With DIRECTLINE_SECRET set
 * the token comes from Azure's Direct Line; otherwise, when no MicrosoftAppId is set (so the bot takes
 * unauthenticated local traffic), from the local Direct Line 3.0 service mounted here.
 */
import { Server } from 'restify';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { LocalDirectLine } from './directline/localDirectLine';
import { mountLocalDirectLine } from './directline/mountLocalDirectLine';
import { registerPageRoutes } from './page/pageRoutes';
import { registerTokenRoute } from './tokenRoute';
import { routeUpgrades } from './upgrades';
import { hideInternalErrors } from './internalErrors';

export interface WebDependencies {
  config: Config;
  logger: Logger;
  /** Where this server can be reached (PUBLIC_BASE_URL, or http://localhost:PORT once listening). */
  baseUrl: () => string;
  /** Where this process answers on this machine (http://localhost:PORT once listening). */
  localUrl: () => string;
}

export type RouteRegistrar = (server: Server) => void;

export function webRoutes({ config, logger, baseUrl, localUrl }: WebDependencies): RouteRegistrar[] {
  const local =
    !config.MicrosoftAppId && !config.DIRECTLINE_SECRET
      ? new LocalDirectLine({ baseUrl, localUrl, tokenMinutes: config.DIRECTLINE_TOKEN_MINUTES, botName: config.SERVICE_NAME, logger })
      : undefined;
  return [
    (server) => hideInternalErrors(server, logger),
    (server) => registerPageRoutes(server, config, baseUrl),
    (server) => registerTokenRoute(server, config, logger, local),
    (server) => routeUpgrades(server.server, local ? [mountLocalDirectLine(server, local, logger)] : []),
  ];
}
