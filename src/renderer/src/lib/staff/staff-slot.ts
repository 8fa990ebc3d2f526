import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type StaffScreen from './staff-screen.svelte';
import type { StaffHooks, StaffState } from './staff-state.svelte';

type Modules = { Screen: typeof StaffScreen; State: typeof StaffState };
export interface LoadedStaff {
  Screen: Modules['Screen'];
  state: StaffState;
}

/**
 * Staff mode without its weight: the PIN screen, the panel and their state load on the first
 * touch of « Personnel » (a lazy chunk), and are forgotten at the end of the visit.
 */
export class StaffSlot {
  #modules: Promise<Modules> | undefined;
  #state: StaffState | null = null;

  constructor(
    private readonly api: KioskClient,
    private readonly hooks: StaffHooks,
  ) {}

  load(): Promise<LoadedStaff> {
    this.#modules ??= Promise.all([import('./staff-screen.svelte'), import('./staff-state.svelte')]).then(
      ([screen, state]) => ({ Screen: screen.default, State: state.StaffState }),
      (error: unknown) => {
        // A failed load may succeed later: do not keep the failure.
        this.#modules = undefined;
        throw error;
      },
    );
    return this.#modules.then(({ Screen, State }) => ({
      Screen,
      state: (this.#state ??= new State(this.api, this.hooks)),
    }));
  }

  /** The end of the visit (« Terminer », idle, « Quitter »): the typed PIN and the panel go. */
  wipe(): void {
    this.#state?.reset();
    this.#state = null;
  }
}
