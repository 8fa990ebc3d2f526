import { describe, expect, it } from 'vitest';
import { fromPortal, identityProblems, loginDetailsProblems } from '../../../src/main/core/flows/registration/errors';
import { kioskApi } from '../../../src/shared/kiosk-api';
import { PORTAL_ERROR_CODES } from '../../../src/shared/portal-api/errors';

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
  const cases: [Parameters<typeof fromPortal>[0], Parameters<typeof fromPortal>[1], unknown][] = [
    [{ code: 'identity_not_found' }, 'identity', { code: 'identity_not_found' }],
    [
      { code: 'identity_not_found', hint: 'names_swapped' },
      'identity',
      { code: 'identity_not_found', hint: 'names_swapped' },
    ],
    [{ code: 'already_registered' }, 'details', { code: 'already_registered' }],
    [{ code: 'too_many_attempts', retryAfterSeconds: 42 }, 'identity', { code: 'cooldown', retryAfterSeconds: 42 }],
    [{ code: 'too_many_attempts' }, 'code', { code: 'code_locked' }],
    [
      { code: 'weak_password', rules: ['upper', 'digit'] },
      'details',
      { code: 'invalid_fields', fields: ['password:upper', 'password:digit'] },
    ],
    [
      { code: 'invalid_input', fields: ['identity.dateOfBirth'] },
      'details',
      { code: 'invalid_fields', fields: ['dateOfBirth'] },
    ],
    [{ code: 'invalid_code' }, 'code', { code: 'code_wrong' }],
    [{ code: 'unreachable' }, 'identity', { code: 'portal_unreachable' }],
    [{ code: 'kiosk_unauthorized' }, 'identity', { code: 'portal_unreachable' }],
    [{ code: 'not_enrolled' }, 'details', { code: 'portal_unreachable' }],
    [{ code: 'internal', status: 500 }, 'details', { code: 'portal_unreachable' }],
  ];
  it.each(cases)('%o at %s → %o', (error, step, answer) => expect(fromPortal(error, step).error).toEqual(answer));

  it('answers, at each step, only codes the contract lists for its call', () => {
    const callOf = {
      identity: 'submitIdentity',
      details: 'submitLoginDetails',
      code: 'activateByCode',
    } as const;
    for (const step of Object.keys(callOf) as (keyof typeof callOf)[]) {
      const listed = new Set<string>(kioskApi[callOf[step]].errors);
      for (const code of [...PORTAL_ERROR_CODES, 'unreachable', 'bad_answer', 'not_enrolled'] as const) {
        const mapped = fromPortal({ code }, step).error.code;
        expect(listed.has(mapped), `${step}: ${code} → ${mapped}`).toBe(true);
      }
    }
    // A refusal that belongs to another step is a defect, not the tenant's mistake.
    expect(fromPortal({ code: 'email_in_use' }, 'identity').error.code).toBe('portal_unreachable');
    expect(fromPortal({ code: 'invalid_input', fields: ['code'] }, 'code').error.code).toBe('portal_unreachable');
  });
});
