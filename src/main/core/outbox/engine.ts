import type { BatchItem } from 'drizzle-orm/batch';
import type { OutboxFigures } from '../../../shared/portal-api/outbox';
import type { OpenedDb } from '../db/open';
import type { Logger } from '../logger';
import type { PortalClient } from '../portal-client/client';
import type { PortalMonitor } from '../portal-status';
import { backoffMs, DEFAULT_BACKOFF, verdictOf, type BackoffPolicy } from './backoff';
import { DeleteBatch } from './delete-batch';
import { deliveryOf, prepareRow } from './rows';
import type { SealingKeys } from './sealing-key';
import { isBusy, OutboxStore, type OutboxRow } from './store';
import type { DeliveryOutcome, EnqueueRequest, KioskTx, Outbox, OutboxEntryId } from './types';
import { Waiters } from './waiters';

export interface OutboxEngineOptions {
  database: OpenedDb;
  portal: PortalClient;
  monitor: PortalMonitor;
  keys: SealingKeys;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  /** Deliveries at once. */
  concurrency?: number;
  backoff?: Partial<BackoffPolicy>;
  /** How often it looks for rows committed in a caller's transaction (their commit is not seen). */
  pollMs?: number;
}

const CHECKPOINT_EVERY_MS = 2_000;

/**
 * The outbox engine (issue #9): rows committed before the tenant is told anything, one drainer
 * delivering them at least once with their Idempotency-Key, `concurrency` at a time, backing off
 * with full jitter per row, trying at once when the portal comes back, resuming after a restart.
 */
export class OutboxEngine implements Outbox {
  readonly #store: OutboxStore;
  readonly #waiters = new Waiters();
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #policy: BackoffPolicy;
  readonly #concurrency: number;
  readonly #pollMs: number;
  /** Rows queued by this process and not settled yet (so `wait` need not read the database). */
  readonly #known = new Set<OutboxEntryId>();
  readonly #deliveries = new Set<Promise<void>>();
  /** Rows claimed (in flight in the database) and not sent yet: one claim commit per batch. */
  #claimed: OutboxRow[] = [];
  readonly #deletes: DeleteBatch;
  #abort = new AbortController();
  #started = false;
  #stopped = false;
  #pumping = false;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** After the portal could not be reached: no row is tried before this (unless it comes back). */
  #pausedUntil = 0;
  #unreachableStreak = 0;
  #unsubscribe: (() => void) | null = null;
  /** Rows erased since the last WAL checkpoint, and when the first of them was. */
  #erasedSince: number | null = null;

  constructor(private readonly options: OutboxEngineOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#policy = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#pollMs = options.pollMs ?? 2_000;
    this.#store = new OutboxStore(options.database, this.#now);
    this.#deletes = new DeleteBatch(
      this.#store,
      this.#concurrency,
      (write) => this.#busyRetry(write),
      () => {
        this.#erasedSince ??= Date.now();
        this.#wake();
      },
      options.logger,
    );
  }

  /** Rows a crash left in flight go back to pending, then the drainer runs. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const resumed = await this.#store.resumeInFlight();
    if (resumed > 0) this.options.logger.info({ rows: resumed }, 'outbox rows resumed after a restart');
    this.#unsubscribe = this.options.monitor.onChange((status) => {
      if (status.portal === 'online') void this.#portalBack();
    });
    this.#wake();
  }

  /** Stops delivering; rows stay in the database (one being sent stays in flight, resumed at the next start). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearTimeout(this.#timer);
    this.#abort.abort();
    this.#waiters.releaseAll();
    await Promise.allSettled([...this.#deliveries]);
    await this.#deletes.flush();
    if (this.#erasedSince !== null) await this.#store.checkpoint().catch(() => undefined);
  }

  async enqueue(request: EnqueueRequest, tx?: KioskTx): Promise<OutboxEntryId> {
    const row = await prepareRow(request, () => this.options.keys.current());
    const [inserted] = await this.#store.insertQuery(row, tx);
    return this.#queued(inserted!.id);
  }

  async enqueueWith(request: EnqueueRequest, local: readonly BatchItem<'sqlite'>[]): Promise<OutboxEntryId> {
    const row = await prepareRow(request, () => this.options.keys.current());
    return this.#queued(await this.#store.insertWith(row, local));
  }

  #queued(id: OutboxEntryId): OutboxEntryId {
    this.#known.add(id);
    // After the caller's continuation (its `wait`), so the drainer knows whether someone waits.
    setImmediate(() => this.#wake());
    return id;
  }

  async wait(id: OutboxEntryId, ms: number): Promise<DeliveryOutcome> {
    const settled = this.#waiters.settledOutcome(id);
    if (settled) return settled;
    if (!this.#known.has(id)) {
      const row = await this.#store.state(id);
      // Settled by an earlier run of the kiosk: its answer was never kept.
      if (!row) return { state: 'delivered', value: null };
      if (row.state === 'refused') return { state: 'refused', error: { code: row.lastErrorCode as 'internal' } };
    }
    const outcome = this.#waiters.wait(id, ms);
    this.#wake();
    return outcome;
  }

  onSettled(listener: (id: OutboxEntryId, outcome: DeliveryOutcome) => void): () => void {
    return this.#waiters.onSettled(listener);
  }

  figures(): Promise<OutboxFigures> {
    return this.#store.figures();
  }

  async canSeal(): Promise<boolean> {
    return (await this.options.keys.current()) !== null;
  }

  async syncNow(): Promise<void> {
    await this.#store.allDueNow();
    this.#resume();
    this.#wake();
  }

  async #portalBack(): Promise<void> {
    this.#resume();
    try {
      await this.#store.allDueNow();
    } catch (error) {
      if (!isBusy(error)) this.options.logger.error({ err: error }, 'outbox: rows not made due');
    }
    this.#wake();
  }

  #resume(): void {
    this.#pausedUntil = 0;
    this.#unreachableStreak = 0;
  }

  #wake(): void {
    if (!this.#started || this.#stopped) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    clearTimeout(this.#timer);
    void this.#pump().finally(() => {
      this.#pumping = false;
      // A wake that came while the pass was ending.
      if (this.#again) this.#wake();
    });
  }

  async #pump(): Promise<void> {
    let nextMs: number | null = this.#pollMs;
    try {
      do {
        this.#again = false;
        await this.#claimAndSend();
      } while (this.#again && !this.#stopped);
      await this.#checkpointIfDue();
      nextMs = await this.#nextWakeMs();
    } catch (error) {
      // Another connection of this process holds a write transaction: look again in a moment.
      if (isBusy(error)) nextMs = 25;
      else this.options.logger.error({ err: error }, 'outbox drainer pass failed');
    }
    if (this.#stopped || nextMs === null) return;
    this.#timer = setTimeout(() => this.#wake(), nextMs);
    this.#timer.unref();
  }

  async #claimAndSend(): Promise<void> {
    while (!this.#stopped && this.#deliveries.size < this.#concurrency && this.#now().getTime() >= this.#pausedUntil) {
      if (this.#claimed.length === 0) {
        this.#claimed = await this.#store.claimDue(this.#concurrency, this.#waiters.ids());
        if (this.#claimed.length === 0) return;
      }
      const row = this.#claimed.shift()!;
      const delivery: Promise<void> = this.#deliver(row)
        .catch((error: unknown) => this.options.logger.error({ err: error, kind: row.kind }, 'outbox delivery failed'))
        .finally(() => {
          this.#deliveries.delete(delivery);
          this.#wake();
        });
      this.#deliveries.add(delivery);
    }
  }

  /**
   * Checkpoints the WAL once the drain settles (nothing in flight), or every CHECKPOINT_EVERY_MS
   * during a long one: a checkpoint per delivery would cost the drain a few fsyncs a row.
   */
  async #checkpointIfDue(): Promise<void> {
    if (this.#erasedSince === null) return;
    if (this.#deliveries.size > 0 && Date.now() - this.#erasedSince < CHECKPOINT_EVERY_MS) return;
    await this.#store.checkpoint();
    this.#erasedSince = null;
  }

  /** When to look again: the next due row or the end of a pause, at most `pollMs`; null while at capacity. */
  async #nextWakeMs(): Promise<number | null> {
    if (this.#deliveries.size >= this.#concurrency) return null;
    const now = this.#now().getTime();
    const due = await this.#store.nextDueAt();
    if (!due) return this.#pollMs;
    const at = Math.max(due.getTime(), this.#pausedUntil);
    return Math.min(this.#pollMs, Math.max(10, at - now));
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const { route, request } = deliveryOf(row, {
      someoneWaits: this.#waiters.has(row.id),
      signal: this.#abort.signal,
    });
    const answer = await this.options.portal.call(route, request);
    // Stopping: whatever happened stays unknown here; the row is resumed (and resent) at the next start.
    if (this.#stopped) return;
    if (answer.ok) {
      this.#deletes.add(row.id);
      this.#resume();
      this.#settle(row.id, { state: 'delivered', value: answer.value });
      return;
    }
    const { code } = answer.error;
    const verdict = verdictOf(answer.error);
    if (!verdict.retry) {
      await this.#busyRetry(() => this.#store.refused(row.id, code));
      this.#erasedSince ??= Date.now();
      this.options.logger.warn({ kind: row.kind, code }, 'outbox row refused by the portal');
      if (code === 'sealing_key_retired') void this.options.keys.refresh();
      this.#settle(row.id, { state: 'refused', error: answer.error });
      return;
    }
    await this.#retryLater(row, code, verdict.afterMs);
    if (code === 'unreachable' || code === 'not_enrolled') {
      const unsent = this.#claimed.splice(0).map((r) => r.id);
      await this.#busyRetry(() => this.#store.release(unsent));
      this.#unreachableStreak += 1;
      this.#pausedUntil = this.#now().getTime() + backoffMs(this.#policy, this.#unreachableStreak, this.#random);
      // The monitor then checks every second or so, and its transition back ends the pause.
      void this.options.monitor.check().then((status) => {
        if (status.portal === 'online' && code === 'unreachable') this.#resume();
      });
    }
  }

  async #retryLater(row: OutboxRow, code: string, afterMs: number | null): Promise<void> {
    const delay = afterMs ?? backoffMs(this.#policy, row.attempts, this.#random);
    await this.#busyRetry(() => this.#store.retryLater(row.id, code, new Date(this.#now().getTime() + delay)));
  }

  #settle(id: OutboxEntryId, outcome: DeliveryOutcome): void {
    this.#known.delete(id);
    this.#waiters.settle(id, outcome);
  }

  /** A write another connection's transaction holds up: tried again shortly, never dropped. */
  async #busyRetry(write: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!isBusy(error) || attempt >= 400 || this.#stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }
}
