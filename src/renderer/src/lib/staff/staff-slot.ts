import type { KioskClient } from '../../../../shared/kiosk-api/types';
import { JourneySlot } from '../state/journey-slot';
import type StaffScreen from './staff-screen.svelte';
import type { StaffHooks, StaffState } from './staff-state.svelte';

/**
 * Staff mode without its weight: the PIN screen, the panel and their state load on the first
 * touch of « Personnel », and the typed PIN and the panel go at the end of the visit
 * (« Terminer », idle, « Quitter »).
 */
export class StaffSlot extends JourneySlot<typeof StaffScreen, StaffState> {
  constructor(api: KioskClient, hooks: StaffHooks) {
    super(async () => {
      const [screen, state] = await Promise.all([import('./staff-screen.svelte'), import('./staff-state.svelte')]);
      return { Screen: screen.default, create: () => new state.StaffState(api, hooks) };
    });
  }
}
