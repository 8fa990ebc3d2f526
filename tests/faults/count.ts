import { count, like, sql } from 'drizzle-orm';
import type { RunningPortal } from '../../src/portal';
import { accounts, kioskEvents, mailQueue } from '../../src/portal/db/schema';
import type { ReceivedMail } from '../../src/portal/mail/demo-receiver';
import type { Planned } from './plan';

const RESET_SUBJECT = 'Réinitialisation de votre mot de passe';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every email the demo SMTP receiver got, by id. It keeps only its last 500, so they are collected
 * as they arrive (a few a poll at most).
 */
export class MailCollector {
  readonly mails = new Map<number, ReceivedMail>();
  readonly #timer: NodeJS.Timeout;
  constructor(private readonly portal: RunningPortal) {
    this.#timer = setInterval(() => this.collect(), 50);
  }
  collect(): void {
    for (const m of this.portal.mailbox!.messages()) this.mails.set(m.id, m);
  }
  stop(): void {
    clearInterval(this.#timer);
    this.collect();
  }
}

/** Every queued email sent (a failed send waits for its retry) and received by the demo SMTP receiver. */
export async function mailQueueEmpty(portal: RunningPortal, collector: MailCollector): Promise<void> {
  for (;;) {
    await portal.settle();
    const [row] = await portal.db.select({ n: count() }).from(mailQueue);
    if (row!.n === 0) break;
    await sleep(500);
  }
  // The receiver stores a message just after its send resolves: wait until the count stops moving.
  let seen = -1;
  while (seen !== collector.mails.size) {
    seen = collector.mails.size;
    await sleep(300);
  }
}

/**
 * What happened at the portal for each item handed to the kiosk: delivered (its effect once),
 * lost (acknowledged, no effect), duplicated (two accounts or two emails for one enqueue).
 */
export async function countEffects(
  portal: RunningPortal,
  run: string,
  items: readonly Planned[],
  attempted: ReadonlySet<string>,
  acked: ReadonlySet<string>,
  mails: readonly ReceivedMail[],
) {
  const byRef = new Map(items.map((i) => [i.ref, i]));
  const mailsTo = new Map<string, ReceivedMail[]>();
  for (const m of mails) for (const to of m.to) mailsTo.set(to, [...(mailsTo.get(to) ?? []), m]);
  const accountRows = await portal.db
    .select({ email: accounts.email, n: sql<number>`count(*)` })
    .from(accounts)
    .where(like(accounts.email, `canari.${run}.r%`))
    .groupBy(accounts.email);
  const accountsOf = new Map(accountRows.map((r) => [r.email, Number(r.n)]));
  const eventRows = await portal.db
    .select({ detail: kioskEvents.detail, n: sql<number>`count(*)` })
    .from(kioskEvents)
    .groupBy(kioskEvents.detail);
  const eventsOf = new Map(eventRows.map((r) => [r.detail, Number(r.n)]));

  let delivered = 0;
  let deliveredUnacknowledged = 0;
  let lost = 0;
  let duplicated = 0;
  const lostByKind: Record<string, number> = {};
  const lostRefs: string[] = [];
  for (const ref of attempted) {
    const item = byRef.get(ref)!;
    // How many times its effect happened at the portal (a registration: its account and its email).
    let effects: number;
    let complete: boolean;
    if (item.kind === 'register') {
      const n = accountsOf.get(item.email!) ?? 0;
      const sent = (mailsTo.get(item.email!) ?? []).length;
      effects = Math.max(n, sent);
      complete = n >= 1 && sent >= 1;
    } else if (item.kind === 'reset_request') {
      effects = (mailsTo.get(item.email!) ?? []).filter((m) => m.subject === RESET_SUBJECT).length;
      complete = effects >= 1;
    } else {
      effects = eventsOf.get((item.body as { detail: string }).detail) ?? 0;
      complete = effects >= 1;
    }
    if (effects > 1) duplicated += 1;
    if (complete) {
      if (acked.has(ref)) delivered += 1;
      else deliveredUnacknowledged += 1;
    } else if (acked.has(ref)) {
      lost += 1;
      lostByKind[item.kind] = (lostByKind[item.kind] ?? 0) + 1;
      if (lostRefs.length < 20) lostRefs.push(ref);
    }
  }
  return { delivered, deliveredUnacknowledged, lost, lostByKind, lostRefs, duplicated };
}
