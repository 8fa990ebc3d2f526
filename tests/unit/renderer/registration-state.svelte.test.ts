import { describe, expect, it } from 'vitest';
import type { RegistrationStep } from '../../../src/shared/kiosk-api/registration';
import type { CallResult } from '../../../src/shared/kiosk-api/types';
import { RegistrationState } from '../../../src/renderer/src/lib/registration/registration-state.svelte';
import { client, noCaptcha, type Answers } from './kiosk-client';

const PASSWORD = 'Kiosque!2024b';

/** Step 2 reached, every field filled as a tenant would. */
function atStep2(answers: Answers, calls?: string[]): RegistrationState {
  const state = new RegistrationState(client({ newCaptcha: noCaptcha, ...answers }, calls), () => 'fr');
  state.step = 'login-details';
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

type RegistrationRead = Extract<CallResult<'getRegistration'>, { ok: true }>['value'];

/** The core's registration as getRegistration tells it; the test moves it as the core would. */
const coreAt = (step: RegistrationStep, more: Partial<RegistrationRead> = {}): RegistrationRead => ({
  step,
  maskedEmail: step === 'none' || step === 'identity' || step === 'login-details' ? null : 'j•••@o•••.fr',
  resendAvailableInSeconds: null,
  expiresInSeconds: 900,
  captchaRequired: false,
  termsVersion: 'v1',
  refusal: null,
  ...more,
});

/** A kiosk core whose registration is at `core.value.step`, with answers for the calls that move it. */
function withCore(answers: Answers = {}) {
  const core = { value: coreAt('none') };
  const state = new RegistrationState(
    client({
      newCaptcha: noCaptcha,
      getRegistration: () => ({ ok: true, value: core.value }),
      startRegistration: () => {
        core.value = coreAt('identity');
        return { ok: true, value: { step: 'identity', expiresInSeconds: 900 } };
      },
      submitIdentity: () => {
        core.value = coreAt('login-details');
        return { ok: true, value: { step: 'login-details', expiresInSeconds: 900, checkedBy: 'portal' } };
      },
      ...answers,
    }),
    () => 'fr',
  );
  const identity = state.identity;
  identity.accountNumber = '12345678901';
  identity.lastName = 'Test';
  identity.firstName = 'Jeanne';
  [identity.day, identity.month, identity.year] = ['07', '03', '1980'];
  return { state, core };
}

describe('RegistrationState, the view derived from the core’s step', () => {
  it('step 1 until the core has a flow, then each step the core reaches', async () => {
    const { state, core } = withCore();
    expect(state.view).toBe('identity');
    await state.resume();
    expect(state.step).toBe('identity');
    await state.submitIdentity();
    expect([state.step, state.view]).toEqual(['login-details', 'login-details']);
    core.value = coreAt('activation', { resendAvailableInSeconds: 60 });
    await state.resume();
    expect(state.view).toBe('activation');
    // A link opened on a phone: the activation screen follows the core to « done ».
    core.value = coreAt('done');
    await state.poll();
    expect(state.view).toBe('done');
    state.reset();
    expect([state.step, state.view]).toEqual(['none', 'identity']);
  });

  it('back on step 1 to correct it: stays there while the core is at step 2, until step 1 is sent again', async () => {
    const { state } = withCore();
    await state.resume();
    await state.submitIdentity();
    state.backToIdentity();
    expect([state.step, state.view]).toEqual(['login-details', 'identity']);
    // Back from a help page: the tenant's choice holds.
    await state.resume();
    expect(state.view).toBe('identity');
    await state.submitIdentity();
    expect(state.view).toBe('login-details');
  });

  it('step 2 refused for the identity (the lease changed): step 1 says why, the core still at step 2', async () => {
    const { state } = withCore({
      submitLoginDetails: () => ({ ok: false, error: { code: 'identity_not_found' } }),
    });
    await state.resume();
    await state.submitIdentity();
    Object.assign(state.details, {
      email: 'jeanne.test@orange.fr',
      emailConfirmation: 'jeanne.test@orange.fr',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
      termsAccepted: true,
    });
    await state.submitLoginDetails();
    expect([state.step, state.view]).toEqual(['login-details', 'identity']);
    expect(state.outcome).toEqual({ kind: 'not-found', swapped: false });
  });

  it('a queued step 2 answered while the tenant waits: on to the code, or back where the refusal is', async () => {
    const { state, core } = withCore();
    core.value = coreAt('queued');
    await state.resume();
    expect(state.view).toBe('queued');
    core.value = coreAt('login-details', { refusal: 'email_in_use' });
    await state.poll();
    expect(state.view).toBe('login-details');
    expect(state.details.errors).toEqual({ email: 'register.error.email_in_use' });

    state.reset();
    core.value = coreAt('queued');
    await state.resume();
    core.value = coreAt('identity', { refusal: 'identity_not_found' });
    await state.poll();
    expect(state.view).toBe('identity');
    expect(state.outcome).toEqual({ kind: 'not-found', swapped: false });

    state.reset();
    core.value = coreAt('queued');
    await state.resume();
    core.value = coreAt('activation', { resendAvailableInSeconds: 60 });
    await state.poll();
    expect(state.view).toBe('activation');
  });
});
