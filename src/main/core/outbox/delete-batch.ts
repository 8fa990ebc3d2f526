import type { Logger } from '../logger';
import type { OutboxStore } from './store';
import type { OutboxEntryId } from './types';

/**
 * Deletes delivered rows a batch at a time (each commit costs an fsync, and libSQL's is
 * synchronous): at once when `size` are waiting, else after a few milliseconds. A crash before
 * the delete leaves the rows in flight: resumed and replayed by their Idempotency-Key.
 */
export class DeleteBatch {
  #ids: OutboxEntryId[] = [];
  #chain: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: OutboxStore,
    private readonly size: number,
    private readonly write: (run: () => Promise<void>) => Promise<void>,
    private readonly onDeleted: () => void,
    private readonly logger: Logger,
  ) {}

  add(id: OutboxEntryId): void {
    this.#ids.push(id);
    if (this.#ids.length >= this.size) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), 20);
  }

  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ids = this.#ids.splice(0);
    if (ids.length === 0) return this.#chain;
    this.#chain = this.#chain
      .then(() => this.write(() => this.store.delivered(ids)))
      .then(() => this.onDeleted())
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox: delivered rows not deleted'));
    return this.#chain;
  }
}
