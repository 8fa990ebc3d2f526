import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import type PasswordResetScreen from './password-reset-screen.svelte';
import type { PasswordResetState } from './password-reset-state.svelte';

type Modules = { Screen: typeof PasswordResetScreen; State: typeof PasswordResetState };
export interface LoadedPasswordReset {
  Screen: Modules['Screen'];
  state: PasswordResetState;
}

/**
 * Holds the visit's forgotten-password journey without loading it: its screens, state and rules
 * arrive on the first touch of « Mot de passe oublié », and the state lives on across help pages
 * until the wipe.
 */
export class PasswordResetSlot {
  #modules: Promise<Modules> | undefined;
  #state: PasswordResetState | null = null;

  constructor(
    private readonly api: KioskClient,
    private readonly language: () => Language,
  ) {}

  load(): Promise<LoadedPasswordReset> {
    this.#modules ??= Promise.all([
      import('./password-reset-screen.svelte'),
      import('./password-reset-state.svelte'),
    ]).then(
      ([screen, state]) => ({ Screen: screen.default, State: state.PasswordResetState }),
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
