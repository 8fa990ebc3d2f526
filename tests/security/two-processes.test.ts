import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, STRONG_PASSWORD } from '../unit/portal/harness';
import { startTwoPortals, type TwoPortals } from './two-portals';

// Issue #9 item 7 / #10: every limit and idempotency record lives in the database, so two portal
// processes on one libSQL file behind no balancer hold the same limits as one.
let p: TwoPortals;
beforeAll(async () => {
  p = await startTwoPortals();
}, 120_000);
afterAll(() => p?.close());

const register = (which: 0 | 1, i: number, email: string, key?: string) =>
  p.call(
    which,
    '/v1/registrations',
    { identity: identityOf(i), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
    key ? { 'idempotency-key': key } : {},
  );

async function activeAccount(i: number, email: string) {
  expect((await register(0, i, email)).status).toBe(201);
  const [mail] = await p.mailsTo(email);
  expect((await p.call(1, '/v1/activation/code', { email, code: mail!.codes[0] })).status).toBe(200);
}

describe('two portal processes on one database', { timeout: 120_000 }, () => {
  it('a registration journey alternating processes: identity, register, activate, log in, reset', async () => {
    const email = 'alterne@exemple.invalid';
    expect((await p.call(0, '/v1/registrations/identity', identityOf(0))).status).toBe(200);
    expect((await register(1, 0, email)).status).toBe(201);
    const [activation] = await p.mailsTo(email);
    expect((await p.call(0, '/v1/activation/code', { email, code: activation!.codes[0] })).status).toBe(200);
    expect((await p.call(1, '/v1/registrations/status', { email })).body.value.status).toBe('active');
    expect((await p.call(1, '/v1/sessions', { email, password: STRONG_PASSWORD })).status).toBe(201);
    expect((await p.call(0, '/v1/password-reset', { email })).status).toBe(202);
    const reset = (await p.mailsTo(email, 2))[1]!;
    const newPassword = 'Cerisier#Rouge-77';
    const done = await p.call(1, '/v1/password-reset/code', { email, code: reset.codes[0], newPassword });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await p.call(0, '/v1/sessions', { email, password: newPassword })).status).toBe(201);
  });

  it('100 concurrent logins over both processes: 0 sessions, a locked address stays locked', async () => {
    const email = 'course.duo@exemple.invalid';
    await activeAccount(5, email);
    const burst = (rightAt: number) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          p.call((i % 2) as 0 | 1, '/v1/sessions', {
            email,
            password: i === rightAt ? STRONG_PASSWORD : `Faux-Mot-${i}!`,
          }),
        ),
      );
    const first = await burst(90);
    const sessions = first.filter((a) => a.status === 201).length;
    process.stdout.write(`[two-processes] burst of 100 over 2 processes, right one at 90: ${sessions} session(s)\n`);
    expect(sessions).toBe(0);
    expect(first.every((a) => [401, 423].includes(a.status))).toBe(true);
    for (const rightAt of [1, 50]) expect((await burst(rightAt)).filter((a) => a.status === 201)).toHaveLength(0);
  });

  it('one identity budget over both processes: at most 25 checks of an account number', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        p.call((n % 2) as 0 | 1, '/v1/registrations/identity', {
          ...identityOf(6),
          dateOfBirth: `1950-01-${String(1 + (n % 28)).padStart(2, '0')}`,
        }),
      ),
    );
    const codes = answers.map((a) => a.body.error?.code);
    expect(codes.filter((c) => c === 'identity_not_found').length).toBeLessThanOrEqual(25);
    expect(codes.every((c) => c === 'identity_not_found' || c === 'too_many_attempts')).toBe(true);
    for (const which of [0, 1] as const)
      expect((await p.call(which, '/v1/registrations/identity', identityOf(6))).status).toBe(429);
  });

  it('an Idempotency-Key replays across processes, and concurrent twins make one account', async () => {
    const email = 'jumeaux@exemple.invalid';
    const twins = await Promise.all([register(0, 7, email, 'outbox-duo-1'), register(1, 7, email, 'outbox-duo-1')]);
    const created = twins.filter((a) => a.status === 201);
    expect(created.length + twins.filter((a) => a.body.error?.code === 'idempotency_in_progress').length).toBe(2);
    const replay = await register(1, 7, email, 'outbox-duo-1');
    const replay0 = await register(0, 7, email, 'outbox-duo-1');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(replay0.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const accounts = await p.db.client.execute(
      "SELECT count(*) AS n FROM accounts WHERE email = 'jumeaux@exemple.invalid'",
    );
    expect(Number(accounts.rows[0]!.n)).toBe(1);
    await p.mailsTo(email);
    // Sent, then deleted from the queue by whichever process sent it (wait for the delete).
    while (Number((await p.db.client.execute('SELECT count(*) AS n FROM mail_queue')).rows[0]!.n) > 0)
      await new Promise((r) => setTimeout(r, 50));
    expect(p.mail.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});
