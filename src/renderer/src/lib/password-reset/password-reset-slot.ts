import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { JourneySlot } from '../state/journey-slot';
import type PasswordResetScreen from './password-reset-screen.svelte';
import type { PasswordResetState } from './password-reset-state.svelte';

/** The visit's forgotten password: loaded on the first touch of « Mot de passe oublié », wiped with the visit. */
export class PasswordResetSlot extends JourneySlot<typeof PasswordResetScreen, PasswordResetState> {
  constructor(api: KioskClient, language: () => Language) {
    super(async () => {
      const [screen, state] = await Promise.all([
        import('./password-reset-screen.svelte'),
        import('./password-reset-state.svelte'),
      ]);
      return { Screen: screen.default, create: () => new state.PasswordResetState(api, language) };
    });
  }
}
