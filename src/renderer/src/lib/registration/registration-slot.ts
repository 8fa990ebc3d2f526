import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { JourneySlot } from '../state/journey-slot';
import type RegistrationScreen from './registration-screen.svelte';
import type { RegistrationState } from './registration-state.svelte';

/** The visit's registration: loaded on the first touch of « Créer mon compte », wiped with the visit. */
export class RegistrationSlot extends JourneySlot<typeof RegistrationScreen, RegistrationState> {
  constructor(api: KioskClient, language: () => Language) {
    super(async () => {
      const [screen, state] = await Promise.all([
        import('./registration-screen.svelte'),
        import('./registration-state.svelte'),
      ]);
      return { Screen: screen.default, create: () => new state.RegistrationState(api, language) };
    });
  }
}
