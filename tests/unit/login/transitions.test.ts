import { describe, expect, it } from 'vitest';
import { fromPortal, loginProblems } from '../../../src/main/core/flows/login/errors';
import { SIGNED_OUT, transition, waitAfter, type LoginState } from '../../../src/main/core/flows/login/state';

const tenant = { firstName: 'Zoé', email: 'zoe@exemple.invalid', accountNumber: '0299900000002' };
const signedIn: LoginState = { step: 'signed-in', sessionToken: 't'.repeat(43), tenant, expiresAt: 1 };

describe('the kiosk slow-down', () => {
  it('lets two failures go, then doubles the wait from 5 s up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(waitAfter)).toEqual([0, 0, 5, 10, 20, 40, 60, 60, 60]);
  });

  it('counts refused attempts of the visit and sets when the next may go', () => {
    let state = SIGNED_OUT;
    for (let i = 0; i < 3; i++) {
      const next = transition(state, { type: 'attempt_refused', at: 1_000 });
      if (!next.ok) throw new Error(next.code);
      state = next.state;
    }
    expect(state).toEqual({ step: 'signed-out', failures: 3, retryAt: 6_000 });
    const back = transition(state, { type: 'signed_in', sessionToken: 'x'.repeat(43), tenant, expiresAt: 9 });
    expect(back.ok && back.state.step).toBe('signed-in');
  });

  it('a sign-out starts clean; a refused attempt cannot happen while signed in', () => {
    expect(transition(signedIn, { type: 'signed_out' })).toEqual({ ok: true, state: SIGNED_OUT });
    expect(transition(signedIn, { type: 'attempt_refused', at: 0 })).toEqual({ ok: false, code: 'wrong_step' });
  });

  it('refuses a state outside its schema (a tenant view with a bad account number)', () => {
    const bad = { ...tenant, accountNumber: 'ABC' };
    expect(transition(SIGNED_OUT, { type: 'signed_in', sessionToken: 'x', tenant: bad, expiresAt: 9 })).toEqual({
      ok: false,
      code: 'invalid_state',
    });
  });
});

describe('portal refusals → kiosk codes', () => {
  it('keeps the one generic refusal, the lock with its time, and hides everything else', () => {
    expect(fromPortal({ code: 'invalid_credentials' })).toEqual({ ok: false, error: { code: 'invalid_credentials' } });
    expect(fromPortal({ code: 'account_locked', retryAfterSeconds: 900, unlockAt: '2025-01-01T00:00:00Z' })).toEqual({
      ok: false,
      error: { code: 'account_locked', retryAfterSeconds: 900 },
    });
    expect(fromPortal({ code: 'too_many_attempts', retryAfterSeconds: 3 }).error).toEqual({
      code: 'too_many_attempts',
      retryAfterSeconds: 3,
    });
    // Not in the login route's contract (the portal never sends it there): not the tenant's to hear.
    expect(fromPortal({ code: 'rate_limited', retryAfterSeconds: 3 }).error).toEqual({ code: 'portal_unreachable' });
    expect(fromPortal({ code: 'not_activated' }).error).toEqual({ code: 'not_activated' });
    for (const code of ['unreachable', 'bad_answer', 'not_enrolled', 'kiosk_unauthorized', 'internal'] as const)
      expect(fromPortal({ code }).error).toEqual({ code: 'portal_unreachable' });
  });

  it('checks the fields before anything is sent', () => {
    expect(loginProblems({ email: ' ', password: '' })).toEqual(['email:required', 'password:required']);
    expect(loginProblems({ email: 'a@b', password: 'p' })).toEqual(['email:invalid']);
    expect(loginProblems({ email: 'a@exemple.fr', password: 'p' })).toEqual([]);
  });
});
