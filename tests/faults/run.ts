import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { count, like, sql } from 'drizzle-orm';
import { startPortal, type RunningPortal } from '../../src/portal';
import { accounts, kioskEvents, mailQueue } from '../../src/portal/db/schema';
import { demoSignatories } from '../../src/portal/signatories/demo-data';
import type { ReceivedMail } from '../../src/portal/mail/demo-receiver';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import { findCanaries } from './canaries';
import { inFlight, KioskProcess, undelivered } from './kiosk-process';
import type { FaultItem } from './messages';
import { FAULTS, FaultProxy, type Decision, type Fault } from './proxy';

export interface FaultRunOptions {
  registrations: number;
  resets: number;
  events: number;
  /** The run goes on (more kills) until the proxy has faulted at least this many deliveries… */
  minFaults: number;
  /** …and the kiosk was SIGKILLed at least this many times while it had rows to deliver. */
  minKills: number;
  /** Share of requests the proxy faults. */
  faultRate: number;
  log?: (line: string) => void;
}

export interface FaultFigures {
  attempted: number;
  acknowledged: number;
  delivered: number;
  /** Rows committed but killed before the parent heard of them, delivered anyway (not an error). */
  deliveredUnacknowledged: number;
  lost: number;
  lostByKind: Record<string, number>;
  /** The first lost items, to look into. */
  lostRefs: string[];
  duplicated: number;
  refusedCodes: Record<string, number>;
  /** Delivery requests (outbox routes) the proxy faulted, by fault. */
  faults: Record<Fault, number>;
  faultedDeliveries: number;
  passedDeliveries: number;
  kills: number;
  /** Kills while the kiosk had a row in flight (sent, answer not yet recorded). */
  killsInFlight: number;
  outages: number;
  canaryHits: string[];
  seconds: number;
}

/** Routes the kiosk's outbox delivers to: the requests whose faults are counted. */
const DELIVERY = /^\/v1\/(registrations|password-reset|kiosks\/events)(\?|$)/;
const isDelivery = (req: IncomingMessage) => req.method === 'POST' && DELIVERY.test(req.url ?? '');

/** Fault weights: a hang costs the client's whole timeout (15 s), so it stays rare. */
const WEIGHTS: Record<Fault, number> = {
  reset_before: 4,
  status_500: 4,
  status_502: 2,
  drop_after_commit: 5,
  twice: 4,
  hang_after_commit: 0.25,
};
function pickFault(delivery: boolean): Fault {
  const choices = FAULTS.filter((f) => delivery || f !== 'hang_after_commit');
  let r = Math.random() * choices.reduce((n, f) => n + WEIGHTS[f], 0);
  for (const f of choices) if ((r -= WEIGHTS[f]) < 0) return f;
  return 'reset_before';
}

const RESET_SUBJECT = 'Réinitialisation de votre mot de passe';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
};

interface Planned extends FaultItem {
  email?: string;
  /** Strings of the payload that must not be readable on the kiosk once delivered. */
  canaries: string[];
}

function plan(options: FaultRunOptions, run: string, people: SignatoryRow[], resetEmails: string[]): Planned[] {
  const items: Planned[] = [];
  for (let n = 0; n < options.registrations; n++) {
    const s = people[n]!;
    const email = `canari.${run}.r${n}@exemple.invalid`;
    const password = `Canari-${run}-${n}-Vert!`;
    const identity = {
      accountNumber: s.accountNumber,
      lastName: s.lastName,
      firstName: s.firstName,
      dateOfBirth: s.dateOfBirth,
    };
    items.push({
      ref: `r${n}`,
      kind: 'register',
      email,
      body: { identity, email, password, acceptedTermsVersion: '2025-01', language: 'fr' },
      canaries: [email, password, s.accountNumber],
    });
  }
  resetEmails.forEach((email, n) =>
    items.push({ ref: `p${n}`, kind: 'reset_request', email, body: { email, language: 'fr' }, canaries: [email] }),
  );
  for (let n = 0; n < options.events; n++) items.push(eventItem(run, n));
  return shuffle(items);
}

/** An audit event made unique by its detail, so the portal's rows tell whether it came twice. */
const eventItem = (run: string, n: number): Planned => ({
  ref: `e${n}`,
  kind: 'event',
  body: {
    at: new Date().toISOString(),
    source: 'journey',
    event: 'registration',
    outcome: 'queued',
    detail: `f${run}e${n}`,
  },
  canaries: [],
});

async function seedResetAccounts(portal: RunningPortal, people: SignatoryRow[], run: string): Promise<string[]> {
  const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'Borne de préparation');
  const enrol = await fetch(`${portal.url}/v1/kiosks/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrolmentCode }),
  });
  const { credential } = ((await enrol.json()) as { value: { credential: string } }).value;
  const emails: string[] = [];
  for (let n = 0; n < people.length; n += 8) {
    await Promise.all(
      people.slice(n, n + 8).map(async (s, i) => {
        const email = `canari.${run}.p${n + i}@exemple.invalid`;
        const r = await fetch(`${portal.url}/v1/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
          body: JSON.stringify({
            identity: {
              accountNumber: s.accountNumber,
              lastName: s.lastName,
              firstName: s.firstName,
              dateOfBirth: s.dateOfBirth,
            },
            email,
            password: 'Graine-Preparee-42!',
            acceptedTermsVersion: '2025-01',
          }),
        });
        if (r.status !== 201) throw new Error(`seed registration refused: ${r.status}`);
        emails.push(email);
      }),
    );
  }
  return emails;
}

/**
 * Every email the demo SMTP receiver got, by id. It keeps only its last 500, so they are collected
 * as they arrive (a few a poll at most).
 */
class MailCollector {
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
async function mailQueueEmpty(portal: RunningPortal, collector: MailCollector): Promise<void> {
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
 * The fault-injection run (issue 9, item 8): a real portal over HTTP behind a faulty proxy, the
 * kiosk core as a child process on a real libSQL file, SIGKILLed again and again while it drains.
 * Counts what was attempted, acknowledged, delivered, lost and duplicated.
 */
export async function runFaultSuite(options: FaultRunOptions): Promise<FaultFigures> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const run = Math.random().toString(36).slice(2, 8);
  const portalDir = mkdtempSync(join(tmpdir(), 'faults-portal-'));
  const kioskDir = mkdtempSync(join(tmpdir(), 'faults-kiosk-'));
  const portal = await startPortal({
    config: {
      dataDir: portalDir,
      port: 0,
      logLevel: 'silent',
      // The hash is not under test here: a cheap one keeps the run about faults, not argon2.
      argon2: { memoryCost: 1024, timeCost: 1 },
      // Short cool-downs on the real clock, so a reset request run twice would send a second email.
      limits: { resendCooldownSeconds: 1, resendDailyCap: 100 },
    },
  });
  const proxy = new FaultProxy(
    { host: '127.0.0.1', port: portal.port },
    (req): Decision => {
      // Enrolment is not idempotent (a lost answer would strand the kiosk): it is left alone.
      if (req.url?.startsWith('/v1/kiosks/enrol')) return 'pass';
      return Math.random() < options.faultRate ? pickFault(isDelivery(req)) : 'pass';
    },
    isDelivery,
  );
  let child: KioskProcess | null = null;
  let mail: MailCollector | null = null;
  let outagesOn = true;
  try {
    const people = demoSignatories(Math.ceil((options.registrations + options.resets) * 1.3) + 20).filter(
      (s) => s.leaseStatus === 'current',
    );
    await portal.importSignatories(people);
    mail = new MailCollector(portal);
    const resetEmails = await seedResetAccounts(
      portal,
      people.slice(options.registrations, options.registrations + options.resets),
      run,
    );
    const items = plan(options, run, people, resetEmails);
    await proxy.listen();
    const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'Borne sous fautes');

    // Now and then the portal "stops" for a moment: connections refused.
    const outages = (async () => {
      while (outagesOn) {
        const resume = Date.now() + 3_000 + Math.random() * 5_000;
        while (outagesOn && Date.now() < resume) await sleep(100);
        if (!outagesOn) break;
        await proxy.refuse();
        await sleep(200 + Math.random() * 1_500);
        await proxy.listen();
      }
    })();

    const acked = new Set<string>();
    const attempted = new Set<string>();
    const faulted = () => FAULTS.reduce((n, f) => n + proxy.stats.byDecision[f], 0);
    const batch = Math.max(1, Math.ceil(items.length / (options.minKills + 3)));
    let next = 0;
    let kills = 0;
    let killsInFlight = 0;
    const spawn = () =>
      new KioskProcess({ dataDir: kioskDir, portalUrl: proxy.url, enrolmentCode }, (ref) => acked.add(ref));

    const spawnReady = async (): Promise<KioskProcess> => {
      for (;;) {
        const started = spawn();
        if (await started.ready()) return started;
      }
    };
    const allAcked = (refs: string[]) => refs.every((r) => acked.has(r));

    child = await spawnReady();
    for (;;) {
      // Short of faults once the plan is queued: more (cheap) audit events until there are enough.
      if (next >= items.length && faulted() < options.minFaults)
        items.push(...Array.from({ length: batch }, (_, i) => eventItem(run, items.length + i)));
      const slice = items.slice(next, next + batch);
      next += slice.length;
      for (const item of slice) attempted.add(item.ref);
      if (slice.length > 0) child.send(slice);
      if (kills < options.minKills) {
        // One kill in five lands while rows are being committed; the others once the batch is in and
        // the drainer is at work: after some deliveries went through the proxy.
        if (Math.random() < 0.2) await sleep(Math.random() * 300);
        else {
          while (!allAcked(slice.map((i) => i.ref))) await sleep(10);
          const seen = proxy.stats.byDecision.pass + faulted();
          const deliveries = 1 + Math.floor(Math.random() * Math.max(1, slice.length));
          const draining = () => child!.alive() && undelivered(child!.figures) > 0;
          while (proxy.stats.byDecision.pass + faulted() < seen + deliveries && draining()) await sleep(10);
        }
        const figures = child.figures;
        if (slice.length > 0 || undelivered(figures) > 0) {
          if (inFlight(figures) > 0) killsInFlight += 1;
          await child.kill();
          kills += 1;
          if (kills % 10 === 0) log(`kills ${kills}, faulted deliveries ${faulted()}, queued ${next}/${items.length}`);
          child = await spawnReady();
          continue;
        }
      }
      const refs = slice.map((i) => i.ref);
      while (!allAcked(refs)) await sleep(20);
      if (next < items.length) continue;
      // Everything queued and committed: this run drains to the end.
      while (undelivered(await child.freshFigures()) > 0) await sleep(100);
      if (faulted() >= options.minFaults) break;
    }
    outagesOn = false;
    await outages;
    await proxy.listen().catch(() => undefined);

    const figures = child.figures;
    // A SIGKILL at the end too: the WAL is left as a crash would leave it, and searched as well.
    await child.kill();
    child = null;
    await mailQueueEmpty(portal, mail);

    const byRef = new Map(items.map((i) => [i.ref, i]));
    mail.stop();
    const mails = [...mail.mails.values()];
    const mailsTo = new Map<string, typeof mails>();
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
      // How many times its effect happened at the portal.
      let effects: number;
      if (item.kind === 'register') {
        const n = accountsOf.get(item.email!) ?? 0;
        effects = Math.max(n, (mailsTo.get(item.email!) ?? []).length);
      } else if (item.kind === 'reset_request') {
        effects = (mailsTo.get(item.email!) ?? []).filter((m) => m.subject === RESET_SUBJECT).length;
      } else {
        effects = eventsOf.get((item.body as { detail: string }).detail) ?? 0;
      }
      if (effects > 1) duplicated += 1;
      if (effects >= 1) {
        if (acked.has(ref)) delivered += 1;
        else deliveredUnacknowledged += 1;
      } else if (acked.has(ref)) {
        lost += 1;
        lostByKind[item.kind] = (lostByKind[item.kind] ?? 0) + 1;
        if (lostRefs.length < 20) lostRefs.push(ref);
      }
    }
    const canaryHits = findCanaries(
      kioskDir,
      items.filter((i) => attempted.has(i.ref)).flatMap((i) => i.canaries),
    );
    const faults = Object.fromEntries(FAULTS.map((f) => [f, proxy.stats.byDecision[f]])) as Record<Fault, number>;
    return {
      attempted: attempted.size,
      acknowledged: acked.size,
      delivered,
      deliveredUnacknowledged,
      lost,
      lostByKind,
      lostRefs,
      duplicated,
      refusedCodes: figures?.refusedCodes ?? {},
      faults,
      faultedDeliveries: faulted(),
      passedDeliveries: proxy.stats.byDecision.pass,
      kills,
      killsInFlight,
      outages: proxy.stats.outages,
      canaryHits,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    outagesOn = false;
    mail?.stop();
    if (child) await child.kill();
    await proxy.close();
    await portal.close();
    rmSync(portalDir, { recursive: true, force: true });
    rmSync(kioskDir, { recursive: true, force: true });
  }
}
