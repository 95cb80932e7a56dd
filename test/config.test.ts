/** Configuration is validated once, at start-up, and a bad value is named. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, loadConfig } from '../src/config/config';
import { loadEnvironmentConfig } from '../src/config/environment';
import { describeWeeklyHours } from '../src/hours/describeHours';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./data');
    expect(describeWeeklyHours(config.WEBCHAT_HOURS)).toBe('Monday and Wednesday, 1pm to 3pm');
    expect(describeWeeklyHours(config.ADVICE_LINE_HOURS)).toBe('Monday to Friday, 9.30am to 3pm');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ WEBCHAT_HOURS: 'Mondays 1pm-3pm' }, /WEBCHAT_HOURS/],
    [{ ADVICE_LINE_HOURS: 'Mon 15:00-09:30' }, /ADVICE_LINE_HOURS/],
    [{ EXTRA_CLOSURES: '2026-12-24,Christmas Eve' }, /EXTRA_CLOSURES/],
    [{ ADVICE_FORM_URL: 'not a url' }, /ADVICE_FORM_URL/],
    [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL/],
    [{ MicrosoftAppId: 'abc' }, /MicrosoftAppPassword/],
    [{ BOT_OPENID_METADATA_URL: 'login.botframework.com' }, /BOT_OPENID_METADATA_URL/],
  ])('stops with a message naming the bad variable (%o)', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads several opening times a day and day ranges', () => {
    const config = loadConfig({ WEBCHAT_HOURS: 'Mon-Wed 10:00-12:00; Mon-Wed 13:00-15:30; Fri 09:00-11:00' });
    expect(describeWeeklyHours(config.WEBCHAT_HOURS)).toBe('Monday to Wednesday, 10am to 12pm and 1pm to 3.30pm; Friday, 9am to 11am');
  });

  it('fills in from a .env file what the environment does not set, the environment winning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'env-file-'));
    writeFileSync(join(folder, '.env'), 'WEBCHAT_HOURS=Fri 09:00-11:00\nPORT=4000\n');
    const config = loadEnvironmentConfig(folder, { PORT: '5000' });
    expect(describeWeeklyHours(config.WEBCHAT_HOURS)).toBe('Friday, 9am to 11am');
    expect(config.PORT).toBe(5000);
  });

  it('uses the defaults when there is no .env file', () => {
    expect(loadEnvironmentConfig(mkdtempSync(join(tmpdir(), 'no-env-')), {}).PORT).toBe(3978);
  });

  it('lists every setting in .env.example and in the README', () => {
    const root = join(__dirname, '..');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const names = Object.keys(configSchema.shape);
    expect(names.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
    expect(names.filter((name) => name !== 'TIME_ZONE' && !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
