import type { DeliveryOutcome, OutboxEntryId } from './types';

type Listener = (id: OutboxEntryId, outcome: DeliveryOutcome) => void;

/** How many settled outcomes stay in memory for a late `wait()`: answers are never written to the database. */
const KEEP_SETTLED = 200;

/**
 * Who waits for which row, and the outcomes of rows settled lately (in memory only). A row
 * settled while someone waits goes to them; otherwise to the `onSettled` listeners.
 */
export class Waiters {
  readonly #waiting = new Map<OutboxEntryId, Set<(outcome: DeliveryOutcome) => void>>();
  readonly #settled = new Map<OutboxEntryId, DeliveryOutcome>();
  readonly #listeners = new Set<Listener>();

  has(id: OutboxEntryId): boolean {
    return (this.#waiting.get(id)?.size ?? 0) > 0;
  }

  ids(): OutboxEntryId[] {
    return [...this.#waiting.keys()];
  }

  settledOutcome(id: OutboxEntryId): DeliveryOutcome | undefined {
    return this.#settled.get(id);
  }

  /** Resolves with the outcome, or `pending` after `ms`. */
  wait(id: OutboxEntryId, ms: number): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const set = this.#waiting.get(id) ?? new Set();
      this.#waiting.set(id, set);
      const done = (outcome: DeliveryOutcome) => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.#waiting.get(id) === set) this.#waiting.delete(id);
        resolve(outcome);
      };
      const timer = setTimeout(() => done({ state: 'pending' }), Math.max(0, ms));
      set.add(done);
    });
  }

  onSettled(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  settle(id: OutboxEntryId, outcome: DeliveryOutcome): void {
    this.#settled.set(id, outcome);
    if (this.#settled.size > KEEP_SETTLED) this.#settled.delete(this.#settled.keys().next().value!);
    const waiting = this.#waiting.get(id);
    if (waiting && waiting.size > 0) {
      for (const done of [...waiting]) done(outcome);
      return;
    }
    for (const listener of this.#listeners) {
      try {
        listener(id, outcome);
      } catch {
        // A listener's fault is its own: the row is settled either way.
      }
    }
  }

  /** Stopping: whoever still waits hears `pending` (the row stays queued in the database). */
  releaseAll(): void {
    for (const set of [...this.#waiting.values()]) for (const done of [...set]) done({ state: 'pending' });
  }
}
