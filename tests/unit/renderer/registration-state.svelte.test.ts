import { describe, expect, it } from 'vitest';
import type { CallName } from '../../../src/shared/kiosk-api/calls';
import type { CallInput, CallResult, KioskClient } from '../../../src/shared/kiosk-api/types';
import { RegistrationState } from '../../../src/renderer/src/lib/registration/registration-state.svelte';

type Answers = { [N in CallName]?: (input: CallInput<N>) => CallResult<N> | Promise<CallResult<N>> };

/** The contract's client answering what the test says, recording each call's name. */
function client(answers: Answers, calls: string[] = []): KioskClient {
  return new Proxy({} as KioskClient, {
    get: (_, name: string) => (input: unknown) => {
      calls.push(name);
      const answer = (answers as Record<string, (i: unknown) => unknown>)[name];
      return Promise.resolve(answer ? answer(input) : { ok: false, error: { code: 'unavailable' } });
    },
  });
}

const PASSWORD = 'Kiosque!2024b';
const noCaptcha = () => ({ ok: true, value: { required: false } }) as CallResult<'newCaptcha'>;

/** Step 2 reached, every field filled as a tenant would. */
function atStep2(answers: Answers, calls?: string[]): RegistrationState {
  const state = new RegistrationState(client({ newCaptcha: noCaptcha, ...answers }, calls), () => 'fr');
  state.view = 'login-details';
  state.captchaRequired = false;
  state.termsVersion = 'v1';
  const form = state.details;
  form.email = form.emailConfirmation = 'jeanne.test@orange.fr';
  form.password = form.passwordConfirmation = PASSWORD;
  form.termsAccepted = true;
  return state;
}

describe('RegistrationState, step 2', () => {
  it('terms left unticked: said at the box, the passwords stay as typed, nothing sent', async () => {
    const calls: string[] = [];
    const state = atStep2({}, calls);
    state.details.termsAccepted = false;
    await state.submitLoginDetails();
    expect(state.details.errors).toEqual({ acceptedTermsVersion: 'register.error.terms_required' });
    expect(state.details.password).toBe(PASSWORD);
    expect(state.details.passwordConfirmation).toBe(PASSWORD);
    expect(calls).not.toContain('submitLoginDetails');
  });

  it('an email in use: said at the email only (no « Une erreur est survenue » above the form), the passwords stay', async () => {
    const state = atStep2({ submitLoginDetails: () => ({ ok: false, error: { code: 'email_in_use' } }) });
    await state.submitLoginDetails();
    expect(state.details.errors).toEqual({ email: 'register.error.email_in_use' });
    expect(state.notice).toBeNull();
    expect(state.details.password).toBe(PASSWORD);
    expect(state.busy).toBe(false);
  });

  it('the password refused by the service: said at the password, both passwords emptied', async () => {
    const state = atStep2({
      submitLoginDetails: () => ({ ok: false, error: { code: 'invalid_fields', fields: ['password:not_common'] } }),
    });
    await state.submitLoginDetails();
    expect(state.details.errors).toEqual({ password: 'journey.error.password_common' });
    expect(state.details.password).toBe('');
    expect(state.details.passwordConfirmation).toBe('');
  });

  it('on to step 3: the address shown whole, as typed; the wipe forgets it', async () => {
    const state = atStep2({
      submitLoginDetails: () => ({
        ok: true,
        value: { step: 'activation', maskedEmail: 'j•••@o•••.fr', resendAvailableInSeconds: 60 },
      }),
    });
    await state.submitLoginDetails();
    expect(state.view).toBe('activation');
    expect(state.shownEmail).toBe('jeanne.test@orange.fr');
    expect(state.details.password).toBe('');
    state.reset();
    expect(state.shownEmail).toBe('');
    expect(state.view).toBe('identity');
  });

  it('an answer arriving after the wipe is dropped: the next visitor sees none of it', async () => {
    let answer!: (value: CallResult<'submitLoginDetails'>) => void;
    const pending = new Promise<CallResult<'submitLoginDetails'>>((resolve) => (answer = resolve));
    const state = atStep2({ submitLoginDetails: () => pending });
    const submitting = state.submitLoginDetails();
    state.reset();
    answer({ ok: false, error: { code: 'email_in_use' } });
    await submitting;
    expect(state.details.errors).toEqual({});
    expect(state.view).toBe('identity');
    expect(state.busy).toBe(false);
  });
});
