import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import type RegistrationScreen from './registration-screen.svelte';
import type { RegistrationState } from './registration-state.svelte';

type Modules = { Screen: typeof RegistrationScreen; State: typeof RegistrationState };
export interface LoadedRegistration {
  Screen: Modules['Screen'];
  state: RegistrationState;
}

/**
 * Holds the visit's registration without loading it: its screens, state and rules arrive on the
 * first touch of « Créer mon compte », and the state lives on across help pages until the wipe.
 */
export class RegistrationSlot {
  #modules: Promise<Modules> | undefined;
  #state: RegistrationState | null = null;

  constructor(
    private readonly api: KioskClient,
    private readonly language: () => Language,
  ) {}

  load(): Promise<LoadedRegistration> {
    this.#modules ??= Promise.all([import('./registration-screen.svelte'), import('./registration-state.svelte')]).then(
      ([screen, state]) => ({ Screen: screen.default, State: state.RegistrationState }),
      (error: unknown) => {
        // A failed load may succeed later: do not keep the failure.
        this.#modules = undefined;
        throw error;
      },
    );
    return this.#modules.then(({ Screen, State }) => ({
      Screen,
      state: (this.#state ??= new State(this.api, this.language)),
    }));
  }

  /** The end of the visit: everything typed is forgotten, and the next visit starts from nothing. */
  wipe(): void {
    this.#state?.reset();
    this.#state = null;
  }
}
