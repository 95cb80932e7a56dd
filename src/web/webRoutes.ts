/**
 * The web side of the server, besides the Bot Framework endpoint: the webchat page and its local
 * Direct Line service, and the adviser console. Each part registers its own routes here.
 *
 * Webchat: the page at / gets a token from POST /api/directline/token. With DIRECTLINE_SECRET set
 * the token comes from Azure's Direct Line; otherwise, when no MicrosoftAppId is set (so the bot takes
 * unauthenticated local traffic), from the local Direct Line 3.0 service mounted here.
 */
import { Request, Server } from 'restify';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { SqlClient } from '../storage/sql/sqlClient';
import { clientAddress } from './clientAddress';
import { Caller, LocalDirectLine } from './directline/localDirectLine';
import { mountLocalDirectLine } from './directline/mountLocalDirectLine';
import { registerPageRoutes } from './page/pageRoutes';
import { requestOrigin } from './requestOrigin';
import { registerTokenRoute } from './tokenRoute';
import { routeUpgrades } from './upgrades';

export interface WebDependencies {
  config: Config;
  logger: Logger;
  /** Where this process answers on this machine (http://localhost:PORT once listening). */
  localUrl: () => string;
  /** The local Direct Line, when this server runs it (see localDirectLineFor). */
  localDirectLine?: LocalDirectLine;
}

export type RouteRegistrar = (server: Server) => void;

/** The local Direct Line runs only when no MicrosoftAppId is set (the bot then takes local traffic) and Azure's is not used. */
export async function localDirectLineFor(config: Config, sql: SqlClient, logger: Logger, localUrl: () => string): Promise<LocalDirectLine | undefined> {
  if (config.MicrosoftAppId || config.DIRECTLINE_SECRET) return undefined;
  return LocalDirectLine.open({
    sql,
    localUrl,
    tokenMinutes: config.DIRECTLINE_TOKEN_MINUTES,
    retentionDays: config.RETENTION_DAYS,
    botName: config.SERVICE_NAME,
    logger,
  });
}

export function webRoutes({ config, logger, localUrl, localDirectLine: local }: WebDependencies): RouteRegistrar[] {
  const originOf = (req: Request) => requestOrigin(req, config, localUrl());
  const callerOf = (req: Request): Caller => ({ address: clientAddress(req, config.TRUST_PROXY), origin: originOf(req) });
  return [
    (server) => registerPageRoutes(server, config, originOf),
    (server) => registerTokenRoute(server, config, logger, local, callerOf),
    (server) => routeUpgrades(server.server, local ? [mountLocalDirectLine(server, local, callerOf, logger)] : []),
  ];
}
