import { describe, expect, it } from 'vitest';
import type { ResetStep } from '../../../src/shared/kiosk-api/password-reset';
import type { CallResult } from '../../../src/shared/kiosk-api/types';
import { PasswordResetState } from '../../../src/renderer/src/lib/password-reset/password-reset-state.svelte';
import { client, noCaptcha } from './kiosk-client';

const PASSWORD = 'Kiosque!2024b';
type ResetRead = Extract<CallResult<'getReset'>, { ok: true }>['value'];

const coreAt = (step: ResetStep, more: Partial<ResetRead> = {}): ResetRead => ({
  step,
  maskedEmail: step === 'code' || step === 'done' ? 'j•••@o•••.fr' : null,
  expiresInSeconds: step === 'none' ? null : 900,
  captchaRequired: false,
  queued: false,
  refusal: null,
  resendAvailableInSeconds: null,
  ...more,
});

/** A kiosk core whose reset is at `core.value.step`, moved by the calls as the core would. */
function withCore() {
  const core = { value: coreAt('none') };
  const state = new PasswordResetState(
    client({
      newCaptcha: noCaptcha,
      getReset: () => ({ ok: true, value: core.value }),
      startReset: () => {
        core.value = coreAt('request');
        return { ok: true, value: { step: 'request', expiresInSeconds: 900 } };
      },
      requestReset: () => {
        core.value = coreAt('code');
        return {
          ok: true,
          value: { step: 'code', maskedEmail: 'j•••@o•••.fr', queued: false, resendAvailableInSeconds: 60 },
        };
      },
      confirmReset: () => {
        core.value = coreAt('done', { queued: true });
        return { ok: true, value: { step: 'done', queued: true } };
      },
    }),
    () => 'fr',
  );
  state.captchaRequired = false;
  return { state, core };
}

async function atCode(state: PasswordResetState): Promise<void> {
  await state.resume();
  state.request.email = 'jeanne.test@orange.fr';
  await state.submitRequest();
}

describe('PasswordResetState, the view derived from the core’s step', () => {
  it('step 1 until the core has a flow, then the code, then done; the wipe goes back to step 1', async () => {
    const { state } = withCore();
    expect(state.view).toBe('request');
    await atCode(state);
    expect([state.step, state.view]).toEqual(['code', 'code']);
    expect(state.shownEmail).toBe('jeanne.test@orange.fr');
    Object.assign(state.confirm, { code: '123456', newPassword: PASSWORD, newPasswordConfirmation: PASSWORD });
    await state.submitConfirm();
    expect(state.view).toBe('done');
    state.reset();
    expect([state.step, state.view]).toEqual(['none', 'request']);
  });

  it('back to the address from step 2: stays there while the core is at `code`, until a new request', async () => {
    const { state } = withCore();
    await atCode(state);
    await state.again();
    expect([state.step, state.view]).toEqual(['code', 'request']);
    await state.resume();
    expect(state.view).toBe('request');
    await state.submitRequest();
    expect(state.view).toBe('code');
  });

  it('a saved new password refused while the tenant waits: back at the code, which says why', async () => {
    const { state, core } = withCore();
    await atCode(state);
    Object.assign(state.confirm, { code: '123456', newPassword: PASSWORD, newPasswordConfirmation: PASSWORD });
    await state.submitConfirm();
    expect([state.view, state.queued]).toEqual(['done', true]);
    core.value = coreAt('code', { refusal: 'code_expired' });
    await state.resume();
    expect(state.view).toBe('code');
    expect(state.confirm.errors).toEqual({ code: 'reset.error.code_expired' });
  });
});
