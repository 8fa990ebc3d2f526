import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, type Harness } from '../unit/portal/harness';
import { startTwoPortals, type TwoPortals } from './two-portals';

// Issue #12 item 3: the staff tools must not open what the identity throttles close. A kiosk
// credential sits in every public hall: 100 requests at once, over two portal processes, get no
// more resends than the per-kiosk cap and no more than one answer per « pourquoi ? » reference.
const unknownAccount = (n: number) => ({
  ...identityOf(2),
  accountNumber: `02999000${String(100 + n).padStart(5, '0')}`,
});

describe('one portal process', { timeout: 120_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  const refusedRefs = async (credential: string, count: number, offset = 0) => {
    const refs: string[] = [];
    for (let n = 0; n < count; n++) {
      const r = await h.call('POST', '/v1/registrations/identity', {
        credential,
        body: { ...unknownAccount(offset + n), assisted: true },
      });
      refs.push(r.body.error.attemptRef);
    }
    return refs;
  };
  const why = (credential: string, attemptRef: string) =>
    h.call('POST', '/v1/registrations/why', { credential, body: { attemptRef } });

  it('100 resends at once from one kiosk to 100 addresses: at most its cap (30) accepted', async () => {
    const { credential } = await h.enrolKiosk();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        h.call('POST', '/v1/activation/resend', { credential, body: { email: `rafale.${n}@exemple.invalid` } }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 202).length;
    expect(accepted).toBe(30);
    expect(answers.filter((a) => a.status !== 202).every((a) => a.body.error.code === 'rate_limited')).toBe(true);
  });

  it('100 resends at once for one address: one accepted', async () => {
    const { credential } = await h.enrolKiosk();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.call('POST', '/v1/activation/resend', { credential, body: { email: 'une.adresse@exemple.invalid' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
  });

  it('100 asks at once about one reference: one answer', async () => {
    const { credential } = await h.enrolKiosk();
    const [ref] = await refusedRefs(credential, 1);
    const answers = await Promise.all(Array.from({ length: 100 }, () => why(credential, ref!)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(
      answers.filter((a) => a.status !== 200).every((a) => ['not_found', 'rate_limited'].includes(a.body.error.code)),
    ).toBe(true);
  });

  it('100 asks at once about 30 references: at most the daily cap (20) answered, each once', async () => {
    const { credential } = await h.enrolKiosk();
    const refs = await refusedRefs(credential, 30, 10);
    const asks = Array.from({ length: 100 }, (_, n) => refs[n % refs.length]!);
    const answers = await Promise.all(asks.map((ref) => why(credential, ref)));
    const answered = asks.filter((_, n) => answers[n]!.status === 200);
    expect(answered.length).toBeLessThanOrEqual(20);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('each answer spends the account number’s identity budget like a check', async () => {
    const { credential } = await h.enrolKiosk();
    const wrong = (n: number) => ({ ...identityOf(5), dateOfBirth: `1950-01-${String(n + 1).padStart(2, '0')}` });
    let ref = '';
    for (let n = 0; n < 24; n++) {
      const r = await h.call('POST', '/v1/registrations/identity', {
        credential,
        body: { ...wrong(n), assisted: true },
      });
      expect(r.body.error.code).toBe('identity_not_found');
      ref = r.body.error.attemptRef;
    }
    expect((await why(credential, ref)).body.value.kind).toBe('not_found');
    // 24 checks + 1 answer = the budget of 25: the right identity is now refused too.
    const after = await h.call('POST', '/v1/registrations/identity', { credential, body: identityOf(5) });
    expect(after.body.error.code).toBe('too_many_attempts');
  });
});

describe('two portal processes on one database', { timeout: 180_000 }, () => {
  let p: TwoPortals;
  beforeAll(async () => {
    p = await startTwoPortals();
  }, 120_000);
  afterAll(() => p?.close());

  it('100 resends split over both processes: the kiosk cap (30) holds', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        p.call((n % 2) as 0 | 1, '/v1/activation/resend', { email: `deux.${n}@exemple.invalid` }),
      ),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(30);
  });

  it('100 asks about one reference split over both processes: one answer', async () => {
    const refused = await p.call(0, '/v1/registrations/identity', { ...unknownAccount(90), assisted: true });
    const ref = refused.body.error.attemptRef as string;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) => p.call((n % 2) as 0 | 1, '/v1/registrations/why', { attemptRef: ref })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.every((a) => a.status < 500)).toBe(true);
  });
});
