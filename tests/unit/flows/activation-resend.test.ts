import { describe, expect, it } from 'vitest';
import { nextResendAt, RESEND_GUESS_MS, resendRefusal } from '../../../src/main/core/flows/common/resend';
import { kioskApi } from '../../../src/shared/kiosk-api';
import { PORTAL_ERROR_CODES } from '../../../src/shared/portal-api/errors';

// The resend's refusals were mapped by the registration's fromPortal (step 'resend'); the registration,
// the login screen and the staff panel now share this one mapping (flows/common).
describe('resend refusals → kiosk codes', () => {
  it.each([
    [
      { code: 'resend_cooldown', retryAfterSeconds: 30 },
      { code: 'resend_cooldown', retryAfterSeconds: 30 },
    ],
    [
      { code: 'resend_daily_cap', retryAfterSeconds: 600 },
      { code: 'resend_daily_cap', retryAfterSeconds: 600 },
    ],
    [
      { code: 'rate_limited', retryAfterSeconds: 7 },
      { code: 'resend_cooldown', retryAfterSeconds: 7 },
    ],
    [{ code: 'too_many_attempts', retryAfterSeconds: 7 }, { code: 'portal_unreachable' }],
    [{ code: 'unreachable' }, { code: 'portal_unreachable' }],
    [{ code: 'internal', status: 500 }, { code: 'portal_unreachable' }],
  ] as const)('%o → %o', (error, answer) => expect(resendRefusal(error).error).toEqual(answer));

  it('answers only codes every resend call lists', () => {
    for (const call of ['resendActivation', 'loginResendActivation', 'staffResendActivation'] as const) {
      const listed = new Set<string>(kioskApi[call].errors);
      for (const code of [...PORTAL_ERROR_CODES, 'unreachable', 'bad_answer', 'not_enrolled'] as const) {
        const mapped = resendRefusal({ code }).error.code;
        expect(listed.has(mapped), `${call}: ${code} → ${mapped}`).toBe(true);
      }
    }
  });
});

describe('when the next resend may be asked for', () => {
  it("is the portal's word when it gave one, else its usual interval from now", () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(nextResendAt({ accepted: true, resendAvailableAt: '2026-03-01T10:01:30Z' }, now)).toBe(now + 90_000);
    expect(nextResendAt({ accepted: true }, now)).toBe(now + RESEND_GUESS_MS);
    expect(nextResendAt(null, now)).toBe(now + RESEND_GUESS_MS);
  });
});
