import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { startPortal } from '../../src/portal';
import { demoSignatories } from '../../src/portal/signatories/demo-data';
import { findCanaries } from './canaries';
import { inFlight, KioskProcess, undelivered } from './kiosk-process';
import { countEffects, MailCollector, mailQueueEmpty } from './count';
import { eventItem, plan, seedResetAccounts } from './plan';
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
  /**
   * The search's own check: files where it does find what must be readable there (the database's
   * schema, a log line), so an empty canaryHits means clean files, not an unreadable or absent one.
   */
  canaryControl: string[];
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

    mail.stop();
    const tally = await countEffects(portal, run, items, attempted, acked, [...mail.mails.values()]);
    const canaryControl = findCanaries(kioskDir, ['CREATE TABLE `outbox`', '"msg":"kiosk core started"']);
    const canaryHits = findCanaries(
      kioskDir,
      items.filter((i) => attempted.has(i.ref)).flatMap((i) => i.canaries),
    );
    const faults = Object.fromEntries(FAULTS.map((f) => [f, proxy.stats.byDecision[f]])) as Record<Fault, number>;
    return {
      attempted: attempted.size,
      acknowledged: acked.size,
      ...tally,
      refusedCodes: figures?.refusedCodes ?? {},
      faults,
      faultedDeliveries: faulted(),
      passedDeliveries: proxy.stats.byDecision.pass,
      kills,
      killsInFlight,
      outages: proxy.stats.outages,
      canaryHits,
      canaryControl,
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
