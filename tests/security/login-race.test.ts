import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalAccount, startHarness, STRONG_PASSWORD, type Harness } from '../unit/portal/harness';

// Issue #10 item 1: the lock-out was checked before the argon2 work and counted after it, so 100
// concurrent wrong passwords with the right one among them won a session.
let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

const countAttempts = async () =>
  Number((await h.portal.db.$client.execute('SELECT count(*) AS n FROM throttle_events')).rows[0]!.n);

const burst = (email: string, rightAt: number | null, n = 100) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      h.call('POST', '/v1/sessions', {
        credential,
        body: { email, password: i === rightAt ? STRONG_PASSWORD : `Faux-Mot-${i}!` },
      }),
    ),
  );

describe('lock-out under 100 concurrent attempts', () => {
  it('checks at most 5 passwords of a burst; the right one at position 90 wins nothing', async () => {
    const email = 'course.1@exemple.invalid';
    await portalAccount(h, credential, 5, email);
    const before = await countAttempts();
    const answers = await burst(email, 90);
    const sessions = answers.filter((a) => a.status === 201).length;
    process.stdout.write(`[login-race] burst of 100, right one at 90: ${sessions} session(s)\n`);
    expect(sessions).toBe(0);
    expect(answers.every((a) => [401, 423].includes(a.status))).toBe(true);
    expect(answers.filter((a) => a.status === 423).length).toBeGreaterThanOrEqual(95);
    // Only 5 attempts were reserved (and so checked), each counted once for the address and the kiosk.
    expect((await countAttempts()) - before).toBe(10);
    // Locked now: the right password alone gets the lock, with its unlock time.
    const after = await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });
    expect(after.body.error.code).toBe('account_locked');
  });

  it('never yields a session for a locked address, whatever the position of the right password', async () => {
    const email = 'course.2@exemple.invalid';
    await portalAccount(h, credential, 6, email);
    for (let i = 0; i < 5; i++)
      await h.call('POST', '/v1/sessions', { credential, body: { email, password: `Faux-Mot-${i}!` } });
    for (const rightAt of [0, 49, 99]) {
      const answers = await burst(email, rightAt);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(0);
      expect(answers.every((a) => a.body.error?.code === 'account_locked')).toBe(true);
    }
    h.clock.advance(901);
    const opened = await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });
    expect(opened.status).toBe(201);
  });

  it('holds the per-kiosk throttle under a burst over many addresses', async () => {
    const other = await h.enrolKiosk();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.call('POST', '/v1/sessions', {
          credential: other.credential,
          body: { email: `passant.${i}@exemple.invalid`, password: 'Faux-Mot-1!' },
        }),
      ),
    );
    // loginPerKiosk: 50 failures per 5 minutes; beyond, refused before any password work.
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(50);
    expect(answers.filter((a) => a.body.error?.code === 'too_many_attempts').length).toBeGreaterThanOrEqual(50);
  });
});
