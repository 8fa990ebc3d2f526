import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type LoginScreen from './login-screen.svelte';
import type { LoginState } from './login-state.svelte';

type Modules = { Screen: typeof LoginScreen; State: typeof LoginState };
export interface LoadedLogin {
  Screen: Modules['Screen'];
  state: LoginState;
}

/**
 * Holds the visit's login without loading it: its screens and state arrive on the first touch of
 * « Me connecter » (the first bundle has no room for them), and the state lives on across help
 * pages until the wipe.
 */
export class LoginSlot {
  #modules: Promise<Modules> | undefined;
  #state: LoginState | null = null;

  constructor(private readonly api: KioskClient) {}

  load(): Promise<LoadedLogin> {
    this.#modules ??= Promise.all([import('./login-screen.svelte'), import('./login-state.svelte')]).then(
      ([screen, state]) => ({ Screen: screen.default, State: state.LoginState }),
      (error: unknown) => {
        // A failed load may succeed later: do not keep the failure.
        this.#modules = undefined;
        throw error;
      },
    );
    return this.#modules.then(({ Screen, State }) => ({
      Screen,
      state: (this.#state ??= new State(this.api)),
    }));
  }

  /** The end of the visit: everything typed and shown is forgotten, and the next visit starts from nothing. */
  wipe(): void {
    this.#state?.reset();
    this.#state = null;
  }
}
