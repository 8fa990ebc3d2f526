import { describe, expect, it } from 'vitest';
import { fromPortal, identityProblems, loginDetailsProblems } from '../../../src/main/core/flows/registration/errors';
import { kioskApi } from '../../../src/shared/kiosk-api';
import { PORTAL_ERROR_CODES } from '../../../src/shared/portal-api/errors';
import type { PortalCallError } from '../../../src/main/core/portal-client/client';

const good = {
  email: 'a.b@example.org',
  emailConfirmation: 'a.b@example.org',
  password: 'Tournesol-Vert-42',
  passwordConfirmation: 'Tournesol-Vert-42',
  acceptedTermsVersion: '2025-01',
};

describe('field rules of the flow', () => {
  it('date of birth: real, not in the future, not over 120 years ago (against the given day)', () => {
    expect(identityProblems({ dateOfBirth: '2000-02-29' }, '2025-06-15')).toEqual([]);
    expect(identityProblems({ dateOfBirth: '2001-02-29' }, '2025-06-15')).toEqual(['dateOfBirth:invalid_date']);
    expect(identityProblems({ dateOfBirth: '2025-06-16' }, '2025-06-15')).toEqual(['dateOfBirth:in_future']);
    expect(identityProblems({ dateOfBirth: '2025-06-15' }, '2025-06-15')).toEqual([]);
    expect(identityProblems({ dateOfBirth: '1905-06-14' }, '2025-06-15')).toEqual(['dateOfBirth:too_old']);
    expect(identityProblems({ dateOfBirth: '1905-06-15' }, '2025-06-15')).toEqual([]);
  });

  it('login details: each rule names its field and reason', () => {
    expect(loginDetailsProblems(good, '2025-01')).toEqual([]);
    expect(loginDetailsProblems({ ...good, emailConfirmation: ' A.B@EXAMPLE.org' }, '2025-01')).toEqual([]);
    expect(
      loginDetailsProblems({ ...good, email: 'a.b@example', emailConfirmation: 'a.b@example' }, '2025-01'),
    ).toEqual(['email:invalid']);
    expect(loginDetailsProblems({ ...good, emailConfirmation: 'a.c@example.org' }, '2025-01')).toEqual([
      'emailConfirmation:mismatch',
    ]);
    expect(
      loginDetailsProblems(
        { ...good, password: 'tournesol-vert-42', passwordConfirmation: 'tournesol-vert-42' },
        '2025-01',
      ),
    ).toEqual(['password:upper']);
    expect(
      loginDetailsProblems(
        { ...good, password: 'TOURNESOL-VERT-42', passwordConfirmation: 'TOURNESOL-VERT-42' },
        '2025-01',
      ),
    ).toEqual(['password:lower']);
    expect(
      loginDetailsProblems({ ...good, password: 'Tournesol-Vert', passwordConfirmation: 'Tournesol-Vert' }, '2025-01'),
    ).toEqual(['password:digit']);
    expect(
      loginDetailsProblems(
        { ...good, password: 'TournesolVert42', passwordConfirmation: 'TournesolVert42' },
        '2025-01',
      ),
    ).toEqual(['password:special']);
    expect(loginDetailsProblems({ ...good, password: 'Tr-42ab', passwordConfirmation: 'Tr-42ab' }, '2025-01')).toEqual([
      'password:min_length',
    ]);
    const long = `Aa1-${'x'.repeat(125)}`;
    expect(loginDetailsProblems({ ...good, password: long, passwordConfirmation: long }, '2025-01')).toEqual([
      'password:max_length',
    ]);
    expect(
      loginDetailsProblems({ ...good, password: 'Soleil2024!', passwordConfirmation: 'Soleil2024!' }, '2025-01'),
    ).toEqual(['password:not_common']);
    expect(loginDetailsProblems({ ...good, passwordConfirmation: 'Tournesol-Vert-43' }, '2025-01')).toEqual([
      'passwordConfirmation:mismatch',
    ]);
    expect(loginDetailsProblems({ ...good, acceptedTermsVersion: null }, '2025-01')).toEqual([
      'acceptedTermsVersion:required',
    ]);
    expect(loginDetailsProblems(good, '2026-01')).toEqual(['acceptedTermsVersion:outdated']);
  });
});

describe('portal refusals → kiosk codes', () => {
  const cases: [PortalCallError, keyof typeof fromPortal, unknown][] = [
    [{ code: 'identity_not_found' }, 'submitIdentity', { code: 'identity_not_found' }],
    [
      { code: 'identity_not_found', hint: 'names_swapped' },
      'submitIdentity',
      { code: 'identity_not_found', hint: 'names_swapped' },
    ],
    [{ code: 'already_registered' }, 'submitLoginDetails', { code: 'already_registered' }],
    [
      { code: 'too_many_attempts', retryAfterSeconds: 42 },
      'submitIdentity',
      { code: 'cooldown', retryAfterSeconds: 42 },
    ],
    [{ code: 'too_many_attempts' }, 'activateByCode', { code: 'code_locked' }],
    [
      { code: 'weak_password', rules: ['upper', 'digit'] },
      'submitLoginDetails',
      { code: 'invalid_fields', fields: ['password:upper', 'password:digit'] },
    ],
    [
      { code: 'invalid_input', fields: ['identity.dateOfBirth'] },
      'submitLoginDetails',
      { code: 'invalid_fields', fields: ['dateOfBirth'] },
    ],
    [{ code: 'invalid_code' }, 'activateByCode', { code: 'code_wrong' }],
    [{ code: 'unreachable' }, 'submitIdentity', { code: 'portal_unreachable' }],
    [{ code: 'kiosk_unauthorized' }, 'submitIdentity', { code: 'portal_unreachable' }],
    [{ code: 'not_enrolled' }, 'submitLoginDetails', { code: 'portal_unreachable' }],
    [{ code: 'internal', status: 500 }, 'submitLoginDetails', { code: 'portal_unreachable' }],
  ];
  it.each(cases)('%o at %s → %o', (error, call, answer) => expect(fromPortal[call](error).error).toEqual(answer));

  it('answers, at each step, only codes the contract lists for its call', () => {
    for (const call of Object.keys(fromPortal) as (keyof typeof fromPortal)[]) {
      const listed = new Set<string>(kioskApi[call].errors);
      for (const code of [...PORTAL_ERROR_CODES, 'unreachable', 'bad_answer', 'not_enrolled'] as const) {
        const mapped = fromPortal[call]({ code }).error.code;
        expect(listed.has(mapped), `${call}: ${code} → ${mapped}`).toBe(true);
      }
    }
    // A refusal that belongs to another step is a defect, not the tenant's mistake.
    expect(fromPortal.submitIdentity({ code: 'email_in_use' }).error.code).toBe('portal_unreachable');
    expect(fromPortal.activateByCode({ code: 'invalid_input', fields: ['code'] }).error.code).toBe(
      'portal_unreachable',
    );
  });
});
