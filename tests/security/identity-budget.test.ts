import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../unit/portal/harness';

// Issue #10 item 2: 5 tries per 15 minutes came to ~500 a day per account number, and a
// co-signatory's correct check cleared the counter for the whole account. src/portal/throttles.ts: at most 25
// failures per account number per rolling 24 h, across kiosks and portal processes.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const check = (credential: string, body: unknown) => h.call('POST', '/v1/registrations/identity', { credential, body });
const wrongBirth = (i: number, n: number) => ({
  ...identityOf(i),
  dateOfBirth: `19${String(40 + (n % 50)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
});

/** Tries wrong dates of birth every `everySeconds` for `hours`, over the kiosks in turn; counts the checks run. */
async function attack(i: number, credentials: string[], hours: number, everySeconds: number, coSignatory?: number) {
  let checked = 0;
  for (let t = 0, n = 0; t < hours * 3600; t += everySeconds, n++) {
    const r = await check(credentials[n % credentials.length]!, wrongBirth(i, n));
    if (r.body.error?.code === 'identity_not_found') checked++;
    else expect(r.body.error?.code).toBe('too_many_attempts');
    // The tenant's co-signatory checks correctly now and then: that must not give the attacker tries back.
    if (coSignatory !== undefined && n % 5 === 0) await check(credentials[0]!, identityOf(coSignatory));
    h.clock.advance(everySeconds);
  }
  return checked;
}

describe('identity budget per account number', { timeout: 120_000 }, () => {
  it('allows at most 25 failed checks per rolling 24 h, over 10 kiosks, with a co-signatory succeeding', async () => {
    const kiosks = await Promise.all(Array.from({ length: 10 }, () => h.enrolKiosk()));
    const credentials = kiosks.map((k) => k.credential);
    // Account 0299900000001 has two signatories (0 and 1): attack signatory 0 while 1 checks fine.
    const day1 = await attack(0, credentials, 24, 180, 1);
    const day2 = await attack(0, credentials, 24, 180, 1);
    process.stdout.write(`[identity-budget] checks run per account number: day 1 ${day1}, day 2 ${day2}\n`);
    expect(day1).toBeLessThanOrEqual(25);
    expect(day2).toBeLessThanOrEqual(25);
    expect(day1 + day2).toBeGreaterThan(25); // the window rolls: the budget comes back
  });

  it('counts 100 concurrent checks against the budget: at most 25 run', async () => {
    const { credential } = await h.enrolKiosk();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => check(credential, wrongBirth(2, n))));
    const run = answers.filter((a) => a.body.error?.code === 'identity_not_found').length;
    expect(run).toBeLessThanOrEqual(25);
    expect(answers.every((a) => ['identity_not_found', 'too_many_attempts'].includes(a.body.error?.code))).toBe(true);
    // The right identity is refused too while the budget is spent (it is what protects the date of birth).
    expect((await check(credential, identityOf(2))).body.error.code).toBe('too_many_attempts');
  });

  it('counts the identity check of a registration against the same budget', async () => {
    const { credential } = await h.enrolKiosk();
    const answers = [];
    for (let n = 0; n < 30; n++) {
      const r = await h.call('POST', '/v1/registrations', {
        credential,
        body: {
          identity: wrongBirth(5, n),
          email: `essai.${n}@exemple.invalid`,
          password: STRONG_PASSWORD,
          acceptedTermsVersion: '2025-01',
        },
      });
      answers.push(r.body.error.code);
    }
    expect(answers.filter((c) => c === 'identity_not_found').length).toBeLessThanOrEqual(24);
    expect(await check(credential, identityOf(5))).toMatchObject({ status: 429 });
  });
});

describe('identity budget per kiosk', () => {
  it('closes a kiosk after 100 failures over many account numbers; other kiosks go on', async () => {
    const [a, b] = [await h.enrolKiosk(), await h.enrolKiosk()];
    let run = 0;
    for (let n = 0; n < 110; n++) {
      const r = await check(a.credential, { ...identityOf(6), accountNumber: `02777${String(n).padStart(8, '0')}` });
      if (r.body.error?.code === 'identity_not_found') run++;
    }
    expect(run).toBeLessThanOrEqual(99);
    expect((await check(a.credential, identityOf(6))).status).toBe(429);
    expect((await check(b.credential, identityOf(6))).status).toBe(200);
  });
});
