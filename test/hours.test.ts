/**
 * Opening hours, as the `hours` contract defines them: webchat Monday and Wednesday 13:00–15:00,
 * the advice line Monday to Friday 09:30–15:00, Europe/London time, end times exclusive, closed on
 * England and Wales bank holidays (substitute days too).
 */
import { loadConfig } from '../src/config/config';
import { describeOpening } from '../src/hours/describeHours';
import { ServiceHours } from '../src/hours/serviceHours';
import { humanRoutes } from '../src/hours/humanRoutes';
import { Responses } from '../src/content/responses';
import { serviceDetails } from '../src/content/serviceDetails';

const hours = new ServiceHours(loadConfig({}));
const at = (iso: string) => new Date(iso);
const next = (iso: string) => hours.nextOpening('webchat', at(iso))?.toISOString() ?? null;

describe('opening hours', () => {
  it.each([
    ['2026-11-23T12:59:59Z', false, true],
    ['2026-11-23T13:00:00Z', true, true],
    ['2026-11-23T14:59:59Z', true, true],
    ['2026-11-23T15:00:00Z', false, false],
    ['2026-11-23T09:29:00Z', false, false],
    ['2026-11-23T09:30:00Z', false, true],
    ['2026-11-24T13:30:00Z', false, true],
    ['2026-11-28T13:30:00Z', false, false],
  ])('at %s webchat open is %s and the advice line %s (start inclusive, end exclusive)', (iso, webchat, line) => {
    expect(hours.isOpen('webchat', at(iso))).toBe(webchat);
    expect(hours.isOpen('adviceLine', at(iso))).toBe(line);
  });

  it('gives the next webchat opening in UTC, and none while open', () => {
    expect(next('2026-11-23T13:30:00Z')).toBeNull();
    expect(next('2026-11-23T15:00:00Z')).toBe('2026-11-25T13:00:00.000Z');
    expect(next('2026-11-28T19:00:00Z')).toBe('2026-11-30T13:00:00.000Z');
  });

  it('is closed on bank holidays, including substitute days, but not on observances', () => {
    expect(hours.isOpen('adviceLine', at('2026-12-25T11:00:00Z'))).toBe(false);
    expect(hours.isOpen('adviceLine', at('2026-12-28T11:00:00Z'))).toBe(false);
    expect(next('2026-12-23T16:00:00Z')).toBe('2026-12-30T13:00:00.000Z');
    expect(hours.isOpen('webchat', at('2027-12-27T13:30:00Z'))).toBe(false);
    expect(hours.isOpen('webchat', at('2026-08-31T12:30:00Z'))).toBe(false);
    expect(hours.isOpen('adviceLine', at('2026-03-16T10:00:00Z'))).toBe(true);
  });

  it('follows London time across the clock change in spring (BST)', () => {
    expect(hours.isOpen('webchat', at('2026-03-30T11:59:00Z'))).toBe(false);
    expect(hours.isOpen('webchat', at('2026-03-30T12:00:00Z'))).toBe(true);
    expect(hours.isOpen('webchat', at('2026-03-30T13:59:00Z'))).toBe(true);
    expect(hours.isOpen('webchat', at('2026-03-30T14:00:00Z'))).toBe(false);
    expect(next('2026-03-27T15:00:00Z')).toBe('2026-03-30T12:00:00.000Z');
  });

  it('follows London time across the clock change in autumn (back to GMT)', () => {
    expect(next('2026-10-23T15:00:00Z')).toBe('2026-10-26T13:00:00.000Z');
    expect(hours.isOpen('webchat', at('2026-10-21T12:30:00Z'))).toBe(true);
    expect(hours.isOpen('webchat', at('2026-10-26T12:30:00Z'))).toBe(false);
  });

  it('honours extra closure dates from configuration', () => {
    const closedOnMonday = new ServiceHours(loadConfig({ EXTRA_CLOSURES: '2026-11-30' }));
    expect(closedOnMonday.nextOpening('webchat', at('2026-11-28T19:00:00Z'))?.toISOString()).toBe('2026-12-02T13:00:00.000Z');
  });

  it('says when webchat opens the way people say it', () => {
    const say = (opening: string, now: string) => describeOpening(at(opening), at(now));
    expect(say('2026-11-30T13:00:00Z', '2026-11-28T19:00:00Z')).toBe('on Monday at 1pm');
    expect(say('2026-11-25T13:00:00Z', '2026-11-24T10:00:00Z')).toBe('tomorrow, Wednesday, at 1pm');
    expect(say('2026-11-25T13:00:00Z', '2026-11-25T09:00:00Z')).toBe('today at 1pm');
    expect(say('2026-12-30T13:00:00Z', '2026-12-23T16:00:00Z')).toBe('on Wednesday 30 December at 1pm');
  });
});

describe('the ways to reach a person, said once and in order', () => {
  const config = loadConfig({});
  const responses = Responses.load(serviceDetails(config));
  const routes = (iso: string, webchat = true, service = hours) => humanRoutes(responses, service, at(iso), {}, { webchat });

  it('before the advice line opens on a Tuesday: nothing open but email, then the line today, then webchat tomorrow', () => {
    expect(routes('2026-12-01T08:10:00Z')).toEqual([
      'No one can talk with you right now.',
      'You can send a question by email at any time, using the form at https://frg.org.uk/get-help-and-advice/.',
      'The advice line is 0808 801 0366. It opens today at 9.30am.',
      'Webchat with an adviser opens tomorrow, Wednesday, at 1pm.',
    ]);
  });

  it('on a Monday morning: the line is open now, until when, and webchat opens today', () => {
    expect(routes('2026-11-23T10:00:00Z')).toEqual([
      'You can call the advice line now on 0808 801 0366. It is open until 3pm.',
      'You can send a question by email at any time, using the form at https://frg.org.uk/get-help-and-advice/.',
      'Webchat with an adviser opens today at 1pm.',
    ]);
  });

  it('never offers the advice line as open when it is closed, even while webchat is open', () => {
    const lateChat = new ServiceHours(loadConfig({ WEBCHAT_HOURS: 'Mon 13:00-17:00' }));
    const said = routes('2026-11-23T16:00:00Z', true, lateChat);
    expect(said[0]).toBe('You can chat with an adviser now, until 5pm. Type "talk to a person".');
    expect(said).toContain('The advice line is 0808 801 0366. It opens tomorrow, Tuesday, at 9.30am.');
    expect(said.join(' ')).not.toMatch(/call the advice line now/i);
  });

  it('knows when an opening ends', () => {
    expect(hours.closingTime('adviceLine', at('2026-11-23T10:00:00Z'))?.toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(hours.closingTime('adviceLine', at('2026-11-23T15:00:00Z'))).toBeNull();
  });
});
