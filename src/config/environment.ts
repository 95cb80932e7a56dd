/**
 * The configuration the server and every command read: the process environment, with a `.env` file in the
 * working folder filling in what the environment does not set. One function, so `npm start`,
 * `npm run hours` and `npm run adviser` can never disagree about a setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { Config, loadConfig } from './config';

export function loadEnvironmentConfig(folder = process.cwd(), env: NodeJS.ProcessEnv = process.env): Config {
  const envFile = join(folder, '.env');
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  // A variable set in the environment wins over the file, as with `node --env-file`.
  return loadConfig({ ...fromFile, ...env });
}
