import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../../src/main/core/db/schema';
import { readSyncTimes } from '../../../src/main/core/staff/status';
import { outboxFixture, outboxRow, outboxRows, ready, registration, until } from './harness';

describe('outbox delivery to the real portal', () => {
  const f = outboxFixture();

  it('delivers a registration exactly once: one account, one activation email, the row deleted', async () => {
    const kiosk = await f.core(await f.portal.enrolmentCode());
    await ready(kiosk);
    const email = 'zoe.lefevre@exemple.invalid';
    const id = await kiosk.outbox.enqueue({ kind: 'register', body: registration(2, email), seal: true });
    const outcome = await kiosk.outbox.wait(id, 60_000);
    expect(outcome).toMatchObject({ state: 'delivered', value: { status: 'pending_activation' } });
    expect(await f.portal.accountsWithEmail(email)).toBe(1);
    const mails = await until(async () => {
      const m = await f.portal.mailsTo(email);
      return m.length > 0 && m;
    }, 'the activation email');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.codes).toHaveLength(1);
    await until(async () => (await outboxRows(kiosk)).length === 0, 'the delivered row deleted');
    // The delivery counts as a sync for staff.
    expect((await readSyncTimes(kiosk.database.db)).lastSyncAt).not.toBeNull();
  });

  it('keeps rows pending with backoff while the portal is down, and delivers at once when it is back', async () => {
    const code = await f.portal.enrolmentCode();
    // A backoff far longer than the test: only the portal's return can explain a delivery.
    const kiosk = await f.core(code, { sync: { engine: { backoff: { baseMs: 3_600_000, capMs: 3_600_000 } } } });
    await ready(kiosk);
    await f.portal.stop();
    const email = 'ines.perrin@exemple.invalid';
    const id = await kiosk.outbox.enqueue({ kind: 'register', body: registration(7, email), seal: true });
    expect(await kiosk.outbox.wait(id, 50)).toEqual({ state: 'pending' });
    const tried = await until(async () => {
      const row = await outboxRow(kiosk, id);
      return row && row.attempts >= 1 && row.state === 'pending' && row;
    }, 'a failed attempt');
    expect(tried.lastErrorCode).toBe('unreachable');
    expect(Date.parse(tried.nextAttemptAt)).toBeGreaterThan(Date.now());
    expect((await kiosk.outbox.figures()).byKind.register).toEqual({ pending: 1, inFlight: 0, refused: 0 });
    // The failed delivery had the monitor look again: it knows the portal is down.
    await until(() => kiosk.portal.status.portal === 'offline', 'the monitor to see the portal down');

    const settled = new Promise((resolve) => kiosk.outbox.onSettled((sid, outcome) => sid === id && resolve(outcome)));
    await f.portal.start();
    expect(await settled).toMatchObject({ state: 'delivered' });
    await until(async () => (await outboxRow(kiosk, id)) === null, 'the delivered row deleted');
    expect(await f.portal.accountsWithEmail(email)).toBe(1);
  });

  it('resends rows a crash left in flight, and the portal runs them once even if the first send arrived', async () => {
    const code = await f.portal.enrolmentCode();
    const email = 'theo.garnier@exemple.invalid';
    let id: number;
    {
      const kiosk = await f.core(code);
      await ready(kiosk);
      await kiosk.sync.stop(); // the drainer is gone, as in a crash before it could send
      id = await kiosk.outbox.enqueue({ kind: 'register', body: registration(6, email), seal: true });
      const row = (await outboxRow(kiosk, id))!;
      // The send reached the portal, then the kiosk died before it heard the answer.
      const first = await fetch(`${f.portal.url}/v1/registrations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/sealed+json',
          authorization: `Bearer ${await kiosk.enrolment!.credential()}`,
          'idempotency-key': row.idempotencyKey,
        },
        body: row.payload!,
      });
      expect(first.status).toBe(201);
      await kiosk.database.db.update(outbox).set({ state: 'in_flight' }).where(eq(outbox.id, id));
      await f.closeCore(kiosk);
    }
    const restarted = await f.core(code);
    await until(async () => (await outboxRow(restarted, id)) === null, 'the resumed row to be delivered');
    expect(await f.portal.accountsWithEmail(email)).toBe(1);
    await until(async () => (await f.portal.mailsTo(email)).length > 0, 'the activation email');
    expect(await f.portal.mailsTo(email)).toHaveLength(1);
  });

  it('records a permanent refusal with its code, erases its payload, and never tries it again', async () => {
    const kiosk = await f.core(await f.portal.enrolmentCode());
    await ready(kiosk);
    const wrong = registration(5, 'camille.martin@exemple.invalid');
    wrong.identity.dateOfBirth = '1988-09-09';
    const id = await kiosk.outbox.enqueue({ kind: 'register', body: wrong, seal: true });
    const outcome = await kiosk.outbox.wait(id, 60_000);
    expect(outcome).toMatchObject({ state: 'refused', error: { code: 'identity_not_found' } });
    const row = (await outboxRow(kiosk, id))!;
    expect(row).toMatchObject({ state: 'refused', lastErrorCode: 'identity_not_found', attempts: 1, payload: null });
    expect((await kiosk.outbox.figures()).refusedCodes).toEqual({ identity_not_found: 1 });

    // « Synchroniser maintenant », then a later row delivered: the drainer ran, the refusal stayed put.
    await kiosk.outbox.syncNow();
    const later = await kiosk.outbox.enqueue({
      kind: 'reset_request',
      body: { email: 'personne@exemple.invalid' },
      seal: true,
    });
    expect(await kiosk.outbox.wait(later, 60_000)).toMatchObject({ state: 'delivered' });
    expect(await outboxRow(kiosk, id)).toMatchObject({ state: 'refused', attempts: 1 });
  });

  it('wait() answers pending after its time; the row is still delivered later and heard by onSettled', async () => {
    const kiosk = await f.core(await f.portal.enrolmentCode());
    await ready(kiosk);
    await f.portal.stop();
    const id = await kiosk.outbox.enqueue({
      kind: 'reset_request',
      body: { email: 'zoe@exemple.invalid' },
      seal: true,
    });
    expect(await kiosk.outbox.wait(id, 100)).toEqual({ state: 'pending' });
    const heard = new Promise((resolve) => kiosk.outbox.onSettled((sid, outcome) => sid === id && resolve(outcome)));
    await f.portal.start();
    expect(await heard).toEqual({ state: 'delivered', value: { accepted: true, resendAfterSeconds: 60 } });
    // A later wait() for a settled row answers at once, from memory.
    expect(await kiosk.outbox.wait(id, 60_000)).toEqual({
      state: 'delivered',
      value: { accepted: true, resendAfterSeconds: 60 },
    });
  });

  it('asks the portal to email the outcome only when nobody waits at the screen for it', async () => {
    const kiosk = await f.core(await f.portal.enrolmentCode());
    await ready(kiosk);
    const refusedFor = (email: string) => {
      const body = registration(5, email);
      body.identity.dateOfBirth = '1988-09-09';
      return body;
    };
    // Someone waits: the screen shows the refusal, no email.
    const watched = await kiosk.outbox.enqueue({
      kind: 'register',
      body: refusedFor('vu@exemple.invalid'),
      seal: true,
    });
    expect(await kiosk.outbox.wait(watched, 60_000)).toMatchObject({ state: 'refused' });
    // Nobody waits: the refusal goes to the address typed.
    const left = new Promise((resolve) => kiosk.outbox.onSettled((id, outcome) => resolve([id, outcome])));
    const unwatched = await kiosk.outbox.enqueue({
      kind: 'register',
      body: refusedFor('parti@exemple.invalid'),
      seal: true,
    });
    expect(await left).toMatchObject([unwatched, { state: 'refused', error: { code: 'identity_not_found' } }]);
    const [mail] = await until(async () => {
      const m = await f.portal.mailsTo('parti@exemple.invalid');
      return m.length > 0 && m;
    }, 'the outcome email');
    expect(mail!.subject).toContain('n’a pas abouti');
    // The portal's mail queue sends in order: the first refusal, had it been emailed, would be there.
    expect(await f.portal.mailsTo('vu@exemple.invalid')).toHaveLength(0);
  });
});
