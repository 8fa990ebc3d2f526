import { describe, expect, it } from 'vitest';
import { confirmProblems, fromPortal, requestProblems } from '../../../src/main/core/flows/password-reset/errors';
import {
  ALLOWED_FROM,
  resetStateSchema,
  transition,
  type ResetEvent,
  type ResetState,
} from '../../../src/main/core/flows/password-reset/state';
import { kioskApi } from '../../../src/shared/kiosk-api/calls';

const states: Record<ResetState['step'], ResetState> = {
  request: { step: 'request' },
  code: { step: 'code', email: 'jp@example.org', maskedEmail: 'j•••@e•••.org', language: 'fr', queued: false },
  done: { step: 'done', maskedEmail: 'j•••@e•••.org' },
  'done-queued': {
    step: 'done-queued',
    email: 'jp@example.org',
    maskedEmail: 'j•••@e•••.org',
    language: 'fr',
    entryId: 3,
  },
};
const events: Record<ResetEvent['type'], ResetEvent> = {
  reset_requested: {
    type: 'reset_requested',
    email: 'zoe@example.org',
    maskedEmail: 'z•••@e•••.org',
    language: 'ar',
    queued: true,
  },
  password_changed: { type: 'password_changed' },
  password_queued: { type: 'password_queued', entryId: 3 },
  queued_refused: { type: 'queued_refused' },
};

describe('password reset transitions', () => {
  it('moves only from the steps each event allows, to a state the schema accepts', () => {
    for (const event of Object.values(events))
      for (const state of Object.values(states)) {
        const result = transition(state, event);
        const allowed = ALLOWED_FROM[event.type].includes(state.step);
        expect(result.ok, `${event.type} from ${state.step}`).toBe(allowed);
        if (result.ok) expect(resetStateSchema.parse(result.state)).toEqual(result.state);
      }
  });

  it('holds the address at step 2 only, and drops it once the password is changed', () => {
    expect(transition(states.request, events.reset_requested)).toEqual({
      ok: true,
      state: { step: 'code', email: 'zoe@example.org', maskedEmail: 'z•••@e•••.org', language: 'ar', queued: true },
    });
    const done = transition(states.code, events.password_changed);
    expect(done).toEqual({ ok: true, state: { step: 'done', maskedEmail: 'j•••@e•••.org' } });
    expect(JSON.stringify(done)).not.toContain('jp@example.org');
  });

  it('a queued new password keeps the address until answered: delivered drops it, refused goes back to the code', () => {
    expect(transition(states.code, events.password_queued)).toEqual({ ok: true, state: states['done-queued'] });
    const delivered = transition(states['done-queued'], events.password_changed);
    expect(JSON.stringify(delivered)).not.toContain('jp@example.org');
    expect(transition(states['done-queued'], events.queued_refused)).toEqual({ ok: true, state: states.code });
  });

  it('refuses a state outside the schema (a malformed address)', () => {
    expect(transition(states.request, { ...events.reset_requested, email: 'pas une adresse' } as ResetEvent)).toEqual({
      ok: false,
      code: 'invalid_state',
    });
  });
});

describe('password reset refusals', () => {
  it('checks the address and the password policy of registration', () => {
    expect(requestProblems({ email: ' Zoe@Example.ORG ' })).toEqual([]);
    expect(requestProblems({ email: 'zoe@' })).toEqual(['email:invalid']);
    expect(confirmProblems({ newPassword: 'Tournesol-Vert-42', newPasswordConfirmation: 'Tournesol-Vert-42' })).toEqual(
      [],
    );
    expect(confirmProblems({ newPassword: 'xqz', newPasswordConfirmation: 'xqw' })).toEqual([
      'newPassword:min_length',
      'newPassword:upper',
      'newPassword:digit',
      'newPassword:special',
      'newPasswordConfirmation:mismatch',
    ]);
  });

  it("turns the portal's codes into the kiosk's, and anything unexpected into portal_unreachable", () => {
    const confirm = (code: string, extra = {}) => fromPortal.confirmReset({ code, ...extra } as never).error;
    expect(confirm('invalid_code')).toEqual({ code: 'code_wrong' });
    expect(confirm('code_expired')).toEqual({ code: 'code_expired' });
    expect(confirm('too_many_attempts')).toEqual({ code: 'code_locked' });
    expect(confirm('weak_password', { rules: ['not_common'] })).toEqual({
      code: 'invalid_fields',
      fields: ['newPassword:not_common'],
    });
    for (const code of ['unreachable', 'bad_answer', 'not_enrolled', 'kiosk_unauthorized', 'internal', 'link_invalid'])
      expect(confirm(code)).toEqual({ code: 'portal_unreachable' });
    expect(fromPortal.requestReset({ code: 'invalid_code' }).error).toEqual({ code: 'portal_unreachable' });
    expect(fromPortal.requestReset({ code: 'invalid_input', fields: ['email'] }).error).toEqual({
      code: 'invalid_fields',
      fields: ['email:invalid'],
    });
  });

  it('only ever answers codes the contract lists for the call', () => {
    const listed = new Set<string>(kioskApi.confirmReset.errors);
    for (const code of [
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'weak_password',
      'invalid_input',
      'internal',
    ])
      expect(listed.has(fromPortal.confirmReset({ code } as never).error.code), code).toBe(true);
    const requestListed = new Set<string>(kioskApi.requestReset.errors);
    for (const code of ['invalid_input', 'internal', 'unreachable'])
      expect(requestListed.has(fromPortal.requestReset({ code } as never).error.code), code).toBe(true);
  });
});
