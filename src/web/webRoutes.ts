/**
 * The web side of the server, besides the Bot Framework endpoint: the webchat page and its local
 * Direct Line service, and the adviser console. Each part registers its own routes here.
 */
import { Server } from 'restify';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';

export interface WebDependencies {
  config: Config;
  logger: Logger;
  /** Where this server can be reached (PUBLIC_BASE_URL, or http://localhost:PORT once listening). */
  baseUrl: () => string;
}

export type RouteRegistrar = (server: Server) => void;

export function webRoutes(_deps: WebDependencies): RouteRegistrar[] {
  return [];
}
