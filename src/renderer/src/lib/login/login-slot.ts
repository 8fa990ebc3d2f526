import type { KioskClient } from '../../../../shared/kiosk-api/types';
import { JourneySlot } from '../state/journey-slot';
import type LoginScreen from './login-screen.svelte';
import type { LoginState } from './login-state.svelte';

/** The visit's login: loaded on the first touch of « Me connecter », wiped (session shown and all) with the visit. */
export class LoginSlot extends JourneySlot<typeof LoginScreen, LoginState> {
  constructor(api: KioskClient) {
    super(async () => {
      const [screen, state] = await Promise.all([import('./login-screen.svelte'), import('./login-state.svelte')]);
      return { Screen: screen.default, create: () => new state.LoginState(api) };
    });
  }
}
