/**
 * `npm run --silent hours -- --json [--at ISO-8601]`: whether webchat and the advice line are
 * open at a moment (default now), and when webchat next opens, under the same validated configuration
 * as the server (environment and .env; defaults when neither sets the hours).
 */
import { loadEnvironmentConfig } from '../config/environment';
import { ServiceHours } from '../hours/serviceHours';
import { parseArgs, runCommand } from './args';

runCommand(() => {
  const args = parseArgs(process.argv.slice(2), ['json'], ['at']);
  const atText = args.values.get('at');
  const at = atText === undefined ? new Date() : new Date(atText);
  if (Number.isNaN(at.getTime())) throw new Error(`--at: '${atText}' is not an ISO-8601 date and time`);
  const hours = new ServiceHours(loadEnvironmentConfig());
  const next = hours.nextOpening('webchat', at);
  const report = {
    at: at.toISOString(),
    webchatOpen: hours.isOpen('webchat', at),
    adviceLineOpen: hours.isOpen('adviceLine', at),
    nextWebchatOpen: next ? next.toISOString() : null,
  };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${Object.entries(report).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
});
