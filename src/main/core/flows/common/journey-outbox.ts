import type { AuditEvent } from '../../../../shared/portal-api/outbox';
import type { OutboxKind } from '../../../../shared/portal-api/outbox';
import type { Logger } from '../../logger';
import { OutboxError } from '../../outbox/rows';
import type { DeliveryOutcome, Outbox, OutboxEntryId } from '../../outbox/types';
import type { PortalCallError } from '../../portal-client/client';
import type { PortalMonitor } from '../../portal-status';

/**
 * How long a screen waits for the portal's answer to a queued write before it tells the tenant the
 * write is saved and will be sent later. Long enough for a slow portal hashing a password, short
 * enough that nobody stands in front of a spinner.
 */
export const ANSWER_WAIT_MS = 8_000;
/**
 * The wait when the monitor's last look found the portal down: the drainer still tries at once
 * (the portal may be back), but nobody should stand 8 s in front of a spinner for a known outage.
 */
export const OFFLINE_WAIT_MS = 1_500;

/** The journeys whose outcomes are recorded as `event` rows (source `journey`). */
export type JourneyName = 'registration' | 'activation' | 'login' | 'password_reset' | 'resend_activation';

export interface JourneyOutboxOptions {
  /** Null without a configured portal: every write is refused as unreachable, as before. */
  outbox: Outbox | null;
  logger: Logger;
  now: () => number;
  /** The portal's reachability as last seen (null: no monitor, e.g. some tests). */
  monitor?: Pick<PortalMonitor, 'status' | 'check'> | null;
  /** Whether the visit is assisted by staff (its events say so); not assisted when absent. */
  assisted?: () => boolean;
  /** Tests: the wait for an answer (ANSWER_WAIT_MS otherwise). */
  answerWaitMs?: number;
}

/**
 * The journeys' one path to the portal for writes: the row is committed in the kiosk's outbox, the
 * drainer sends it at once, and the screen waits a few seconds for the answer. What the tenant is
 * then told is recorded too, as an `event` row with codes only, before the answer goes back.
 */
export class JourneyOutbox {
  constructor(private readonly options: JourneyOutboxOptions) {}

  /** Commits the write (sealed: it holds an address, a code or a password) and waits for its answer. */
  async send(
    kind: Exclude<OutboxKind, 'event'>,
    body: unknown,
  ): Promise<{ id: OutboxEntryId; outcome: DeliveryOutcome }> {
    const { outbox } = this.options;
    const unsent = { id: -1, outcome: { state: 'refused', error: { code: 'unreachable' } } } as const;
    if (!outbox) return unsent;
    let id: OutboxEntryId;
    try {
      id = await outbox.enqueue({ kind, body, seal: true });
    } catch (error) {
      // A kiosk that never reached the portal has no key to seal with: nothing can be kept safely.
      if (!(error instanceof OutboxError && error.code === 'no_sealing_key')) throw error;
      this.options.logger.warn({ kind }, 'write not queued: no sealing key yet');
      return unsent;
    }
    const wait = this.options.answerWaitMs ?? ANSWER_WAIT_MS;
    const outcome = await outbox.wait(id, this.portalDown ? Math.min(wait, OFFLINE_WAIT_MS) : wait);
    return { id, outcome };
  }

  /**
   * Whether a sealed write can be kept for later: a kiosk that never reached the portal has no key,
   * so an offline step 1 would only lead the tenant to a step 2 that cannot be saved.
   */
  async canQueue(): Promise<boolean> {
    return (await this.options.outbox?.canSeal()) ?? false;
  }

  /** Records what a journey told the tenant: codes only, so nothing personal reaches the portal. */
  async record(event: JourneyName, outcome: string, detail: string | null = null): Promise<void> {
    const row: AuditEvent = {
      at: new Date(this.options.now()).toISOString(),
      source: 'journey',
      event,
      outcome,
      assisted: this.options.assisted?.() ?? false,
      detail,
    };
    try {
      await this.options.outbox?.enqueue({ kind: 'event', body: row, seal: false });
    } catch (error) {
      // The tenant's own write is committed already; a lost statistic must not stop their journey.
      this.options.logger.error({ err: error, event, outcome }, 'journey event not recorded');
    }
  }

  /** Calls `listener` for each row settling after nobody waited for it (a tenant still at the screen). */
  onSettled(listener: (id: OutboxEntryId, outcome: DeliveryOutcome) => void): () => void {
    return this.options.outbox?.onSettled(listener) ?? (() => undefined);
  }

  /** A call just found the portal out of reach: the monitor looks now, so the status indicator follows. */
  recheck(): void {
    void this.options.monitor?.check();
  }

  /** The monitor has looked, and the portal did not answer (before its first look: not known, so not down). */
  get portalDown(): boolean {
    const status = this.options.monitor?.status;
    return status?.portal === 'offline' && status.checkedAt !== null;
  }
}

/**
 * A refusal that says nothing about the tenant's input: the portal down or failing, or the kiosk not
 * enrolled yet. Step 1 then checks the form only and the portal decides on delivery.
 */
export const unreachable = (error: PortalCallError): boolean =>
  error.code === 'unreachable' || error.code === 'not_enrolled' || (error.status ?? 0) >= 500;

/** An outcome code for an event row (`registration refused email_in_use` → `email_in_use`). */
export const outcomeCode = (outcome: DeliveryOutcome, delivered = 'delivered'): string =>
  outcome.state === 'refused' ? outcome.error.code : outcome.state === 'delivered' ? delivered : 'queued';
