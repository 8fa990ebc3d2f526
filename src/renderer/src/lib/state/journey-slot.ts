/** What a journey's state must offer for the end of a visit. */
export interface Wipeable {
  reset(): void;
}

/** A journey once its chunk is here: the screen to show and how to make its state. */
export interface JourneyModules<Screen, State extends Wipeable> {
  Screen: Screen;
  create: () => State;
}

export interface LoadedJourney<Screen, State> {
  Screen: Screen;
  state: State;
}

/**
 * Holds one journey of the visit without loading it: the first bundle has no room for the
 * journeys, so each one's screens, state and rules arrive as a lazy chunk on the first touch of its
 * entry. The state is made once and lives on across help pages until the wipe.
 */
export class JourneySlot<Screen, State extends Wipeable> {
  #modules: Promise<JourneyModules<Screen, State>> | undefined;
  #state: State | null = null;

  /** `loadModules` does the dynamic imports (they must stay literal for the bundler to split them). */
  constructor(private readonly loadModules: () => Promise<JourneyModules<Screen, State>>) {}

  load(): Promise<LoadedJourney<Screen, State>> {
    this.#modules ??= this.loadModules().catch((error: unknown) => {
      // A failed load may succeed later: do not keep the failure.
      this.#modules = undefined;
      throw error;
    });
    return this.#modules.then(({ Screen, create }) => ({ Screen, state: (this.#state ??= create()) }));
  }

  /** The end of the visit: everything typed and shown is forgotten, and the next visit starts from nothing. */
  wipe(): void {
    this.#state?.reset();
    this.#state = null;
  }
}
