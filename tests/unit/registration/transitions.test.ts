import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../../src/main/core/flows/common/address';
import {
  ALLOWED_FROM,
  registrationStateSchema,
  transition,
  type RegistrationEvent,
  type RegistrationState,
} from '../../../src/main/core/flows/registration/state';

const identity = {
  accountNumber: '0299900000001',
  lastName: 'De La Fontaine',
  firstName: 'Jean-Pierre',
  dateOfBirth: '1970-03-14',
};
const states: Record<RegistrationState['step'], RegistrationState> = {
  identity: { step: 'identity' },
  'login-details': { step: 'login-details', identity },
  queued: {
    step: 'queued',
    identity,
    email: 'jp@example.org',
    maskedEmail: 'j•••@e•••.org',
    language: 'tr',
    entryId: 7,
  },
  activation: {
    step: 'activation',
    email: 'jp@example.org',
    maskedEmail: 'j•••@e•••.org',
    language: 'fr',
    resendAvailableAt: 1000,
  },
  done: { step: 'done', email: 'jp@example.org', maskedEmail: 'j•••@e•••.org', queued: false },
};
const events: Record<RegistrationEvent['type'], RegistrationEvent> = {
  identity_confirmed: { type: 'identity_confirmed', identity },
  details_accepted: {
    type: 'details_accepted',
    email: 'jp@example.org',
    maskedEmail: 'j•••@e•••.org',
    language: 'en',
    resendAvailableAt: 5000,
  },
  details_queued: {
    type: 'details_queued',
    email: 'jp@example.org',
    maskedEmail: 'j•••@e•••.org',
    language: 'tr',
    entryId: 7,
  },
  queued_delivered: { type: 'queued_delivered', resendAvailableAt: 4000 },
  queued_refused: { type: 'queued_refused', back: 'login-details' },
  activation_resent: { type: 'activation_resent', resendAvailableAt: 9000 },
  activated: { type: 'activated' },
};
const expected: Record<RegistrationEvent['type'], Partial<Record<RegistrationState['step'], RegistrationState>>> = {
  identity_confirmed: { identity: states['login-details'], 'login-details': states['login-details'] },
  details_accepted: {
    'login-details': { ...states.activation, language: 'en', resendAvailableAt: 5000 } as RegistrationState,
  },
  details_queued: { 'login-details': states.queued },
  queued_delivered: { queued: { ...states.activation, language: 'tr', resendAvailableAt: 4000 } as RegistrationState },
  queued_refused: { queued: states['login-details'] },
  activation_resent: { activation: { ...states.activation, resendAvailableAt: 9000 } as RegistrationState },
  activated: { activation: states.done },
};

describe('registration state machine', () => {
  for (const [type, event] of Object.entries(events) as [RegistrationEvent['type'], RegistrationEvent][]) {
    for (const [step, state] of Object.entries(states) as [RegistrationState['step'], RegistrationState][]) {
      const to = expected[type][step];
      it(`${type} from ${step} → ${to ? to.step : 'wrong_step'}`, () => {
        expect(ALLOWED_FROM[type].includes(step)).toBe(Boolean(to));
        expect(transition(state, event)).toEqual(to ? { ok: true, state: to } : { ok: false, code: 'wrong_step' });
      });
    }
  }

  it('drops the identity once the account is created: later states cannot hold it', () => {
    const next = transition(states['login-details'], events.details_accepted);
    expect(next.ok && 'identity' in next.state).toBe(false);
    expect(registrationStateSchema.safeParse({ ...states.activation, identity }).success).toBe(false);
  });

  it('a queued step 2 refused for the identity goes back to step 1 and forgets it; delivered, it forgets it too', () => {
    expect(transition(states.queued, { type: 'queued_refused', back: 'identity' })).toEqual({
      ok: true,
      state: { step: 'identity' },
    });
    const delivered = transition(states.queued, events.queued_delivered);
    expect(delivered.ok && 'identity' in delivered.state).toBe(false);
  });

  it('refuses a transition whose result is not a valid state', () => {
    const bad = transition(states['login-details'], {
      ...events.details_accepted,
      email: 'not an email',
    } as RegistrationEvent);
    expect(bad).toEqual({ ok: false, code: 'invalid_state' });
    const badIdentity = transition(states.identity, {
      type: 'identity_confirmed',
      identity: { ...identity, accountNumber: '12' },
    });
    expect(badIdentity).toEqual({ ok: false, code: 'invalid_state' });
  });
});

describe('maskEmail', () => {
  it.each([
    ['jean.dupont@orange.fr', 'j•••@o•••.fr'],
    ['a@b.co', 'a•••@b•••.co'],
    ['élodie@laposte.net', 'é•••@l•••.net'],
    ['x@localhost', 'x•••@l•••'],
  ])('%s → %s', (email, masked) => expect(maskEmail(email)).toBe(masked));
});
