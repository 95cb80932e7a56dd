/**
 * The sign-in limit on each database, shared by two instances: guesses at one account from one
 * address are slowed after ten, wherever they land; the same account from another address is not;
 * a hundred guesses sent at once meet the limit as they would one by one; a right password starts afresh.
 */
import { Admission, SignInLimiter } from '../../src/web/advisers/signInLimiter';
import { storeBackends } from './backends';

const ATTACKER = '203.0.113.9';
const ADVISER = '198.51.100.7';

describe.each(storeBackends())('the sign-in limit on $name', ({ create }) => {
  let clock: number;
  let instances: SignInLimiter[];
  beforeEach(async () => {
    clock = Date.parse('2026-11-23T14:00:00Z');
    const database = await create();
    const now = () => new Date(clock);
    instances = [await SignInLimiter.open(await database.open(), now), await SignInLimiter.open(await database.open(), now)];
  });
  const fail = async (admission: Admission) => {
    if (!admission.ok) throw new Error('refused');
    await admission.attempt.failed();
  };

  it('slows the eleventh wrong password from one address, on either instance, and never the adviser elsewhere', async () => {
    for (let i = 0; i < 10; i++) await fail(await instances[i % 2].begin('sam', ATTACKER));
    expect(await instances[0].begin('sam', ATTACKER)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(await instances[1].begin('sam', ATTACKER)).toEqual({ ok: false, retryAfterSeconds: 30 });
    const real = await instances[1].begin('sam', ADVISER);
    expect(real.ok).toBe(true);
    clock += 30_000;
    await fail(await instances[0].begin('sam', ATTACKER));
    expect(await instances[1].begin('sam', ATTACKER)).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it('lets at most ten of a hundred guesses sent at once through to the password check', async () => {
    const admissions = await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 2].begin('sam', ATTACKER)));
    expect(admissions.filter((a) => a.ok)).toHaveLength(10);
  });

  it('limits one address across many usernames, and a right password clears only that account', async () => {
    for (let i = 0; i < 30; i++) await fail(await instances[i % 2].begin(`user${i % 3}`, ATTACKER));
    expect(await instances[0].begin('someone-else', ATTACKER)).toMatchObject({ ok: false });
    expect((await instances[0].begin('someone-else', ADVISER)).ok).toBe(true);
    const ok = await instances[1].begin('sam', ADVISER);
    if (!ok.ok) throw new Error('refused');
    await ok.attempt.succeeded();
    clock += 15 * 60_000 + 1000;
    expect((await instances[0].begin('someone-else', ATTACKER)).ok).toBe(true);
  });
});
