import type { BatchItem } from 'drizzle-orm/batch';
import type { OutboxFigures, OutboxKind } from '../../../shared/portal-api/outbox';
import type { PortalCallError } from '../portal-client/client';
import type { KioskDb } from '../db/open';

/**
 * The kiosk's outbox as the flows see it (the engine lives beside this file). Every write meant
 * for the portal is a row committed before the tenant is told anything; the drainer delivers it
 * at least once and the portal's Idempotency-Key makes the effect exactly once.
 */
export type OutboxEntryId = number;

/** A transaction of the kiosk database, so a row commits with the local state it changes. */
export type KioskTx = Parameters<Parameters<KioskDb['transaction']>[0]>[0];

export type DeliveryOutcome =
  /** The portal's answer value, parsed with the route's schema (kept in memory only). */
  | { state: 'delivered'; value: unknown }
  /** A permanent refusal: recorded for staff with its code, never retried. */
  | { state: 'refused'; error: PortalCallError }
  /** Not settled within the wait: the row stays queued and is delivered later. */
  | { state: 'pending' };

export interface EnqueueRequest {
  kind: OutboxKind;
  /** The route's body; sealed to the portal's public key unless `seal` is false (audit events). */
  body: unknown;
  seal: boolean;
}

export interface Outbox {
  /** Commits the row (in `tx` when given), wakes the drainer, returns the row's id. */
  enqueue(request: EnqueueRequest, tx?: KioskTx): Promise<OutboxEntryId>;
  /**
   * Commits the row together with the caller's local writes (drizzle queries, not yet run) in one
   * atomic batch. Prefer it to `enqueue(request, tx)`: an interactive transaction holds the
   * database's write lock across awaits, and any other write of the kiosk meanwhile fails busy.
   */
  enqueueWith(request: EnqueueRequest, local: readonly BatchItem<'sqlite'>[]): Promise<OutboxEntryId>;
  /**
   * Waits until the row is delivered or refused, or `ms` pass. While someone waits, the drainer
   * does not ask the portal to email the outcome (the screen shows it); otherwise it does.
   */
  wait(id: OutboxEntryId, ms: number): Promise<DeliveryOutcome>;
  /** Called when a row settles after nobody was waiting (a tenant still at the screen moves on). */
  onSettled(listener: (id: OutboxEntryId, outcome: DeliveryOutcome) => void): () => void;
  figures(): Promise<OutboxFigures>;
  /** « Synchroniser maintenant »: try every pending row now, ignoring backoff. */
  syncNow(): Promise<void>;
  /** Whether a sealed row can be queued: the portal's key was fetched once (kept for offline use). */
  canSeal(): Promise<boolean>;
}
