import { describe, expect, it } from 'vitest';
import { LoginState } from '../../../src/renderer/src/lib/login/login-state.svelte';
import { client } from './kiosk-client';

const tenant = { firstName: 'Jeanne', email: 'jeanne.test@orange.fr', accountNumber: '0212345678901' };

describe('LoginState, the view derived from who the core says is signed in', () => {
  it('the form, the connected page once signed in (or back to it), the form after the wipe', async () => {
    let signedIn = false;
    const state = new LoginState(
      client({
        getSession: () => ({ ok: true, value: signedIn ? { signedIn: true, tenant } : { signedIn: false } }),
        login: () => {
          signedIn = true;
          return { ok: true, value: { tenant } };
        },
      }),
    );
    await state.resume();
    expect(state.view).toBe('form');
    state.email = tenant.email;
    state.password = 'Kiosque!2024b';
    await state.submit();
    expect(state.view).toBe('signed-in');
    expect(state.password).toBe('');
    state.reset();
    expect(state.view).toBe('form');
    // Back on the screen while the core still holds the session: the connected page again.
    await state.resume();
    expect(state.view).toBe('signed-in');
  });
});
