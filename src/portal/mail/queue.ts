import type { FastifyBaseLogger } from 'fastify';
import { and, asc, eq, isNull, lte, lt, or, sql } from 'drizzle-orm';
import type { PortalDb, PortalTx } from '../db/open';
import { mailQueue } from '../db/schema';
import type { Mailer, OutgoingMail } from './mailer';

/**
 * Queues an email in the caller's transaction: it exists if and only if the effect it announces
 * committed, and the request never waits for SMTP (so no answer's timing depends on it). The
 * worker of any portal process on the database sends it. `mail` is rendered (mail/templates.ts).
 */
export async function enqueueMail(tx: PortalDb | PortalTx, mail: OutgoingMail, now: Date): Promise<void> {
  await tx.insert(mailQueue).values({
    toAddress: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
  });
}

export interface MailWorkerOptions {
  /** How often the queue is looked at (ms, real time). */
  pollMs?: number;
  /** After this many failed sends the email is dropped (logged, without its recipient). */
  maxAttempts?: number;
  /** A send not finished within this is taken over by another worker (seconds, portal clock). */
  leaseSeconds?: number;
}

/** Seconds before retry n (1-based): 10 s, 20 s, 40 s … capped at one hour, with full jitter. */
export const retryDelaySeconds = (attempt: number): number =>
  Math.ceil(Math.random() * Math.min(3600, 10 * 2 ** (attempt - 1)));

/**
 * Sends queued emails one at a time; one per portal process, sharing the queue through leases.
 * A sent email's row is deleted, so no link or code stays readable in the database.
 */
export class MailWorker {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  readonly #pollMs: number;
  readonly #maxAttempts: number;
  readonly #leaseSeconds: number;

  constructor(
    private readonly db: PortalDb,
    private readonly mailer: Mailer,
    private readonly now: () => Date,
    private readonly log: FastifyBaseLogger,
    options: MailWorkerOptions = {},
  ) {
    this.#pollMs = options.pollMs ?? 250;
    this.#maxAttempts = options.maxAttempts ?? 10;
    this.#leaseSeconds = options.leaseSeconds ?? 120;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  /** Sends whatever is due now, without waiting for the next poll. */
  kick(): void {
    if (!this.#stopped) void this.#drain();
  }

  /** Resolves once nothing due is left (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#drain();
  }

  /** Stops polling and waits for the send in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#running) await this.#running;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.#drain().finally(() => this.#schedule());
    }, this.#pollMs);
    this.#timer.unref();
  }

  #drain(): Promise<void> {
    this.#running ??= (async () => {
      try {
        while (await this.#sendOne());
      } catch (error) {
        this.log.warn({ err: error }, 'mail queue not read');
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** Leases the oldest due email and sends it; false when none is due. */
  async #sendOne(): Promise<boolean> {
    const now = this.now();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.#leaseSeconds * 1000).toISOString();
    const due = this.db
      .select({ id: mailQueue.id })
      .from(mailQueue)
      .where(
        and(lte(mailQueue.nextAttemptAt, nowIso), or(isNull(mailQueue.leaseUntil), lt(mailQueue.leaseUntil, nowIso))),
      )
      .orderBy(asc(mailQueue.id))
      .limit(1);
    const [row] = await this.db
      .update(mailQueue)
      .set({ leaseUntil, attempts: sql`${mailQueue.attempts} + 1` })
      .where(eq(mailQueue.id, sql`(${due})`))
      .returning();
    if (!row) return false;
    const sent = await this.mailer.send({ to: row.toAddress, subject: row.subject, text: row.text, html: row.html });
    if (sent || row.attempts >= this.#maxAttempts) {
      if (!sent) this.log.error({ attempts: row.attempts }, 'email given up after repeated failures');
      await this.db.delete(mailQueue).where(eq(mailQueue.id, row.id));
      return true;
    }
    const retryAt = new Date(this.now().getTime() + retryDelaySeconds(row.attempts) * 1000).toISOString();
    await this.db.update(mailQueue).set({ leaseUntil: null, nextAttemptAt: retryAt }).where(eq(mailQueue.id, row.id));
    return true;
  }
}
