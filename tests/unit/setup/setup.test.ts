import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../src/main/core/db/schema';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { kioskEvents, kiosks } from '../../../src/portal/db/schema';
import { revokeKiosk } from '../../../src/portal/kiosks/service';
import { until } from '../outbox/harness';
import { startHarness, type Harness } from '../portal/harness';
import { startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

let h: Harness;
const dirs: string[] = [];
const open: TestKiosk[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
});
afterAll(async () => {
  await h.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A kiosk pointed at `portalUrl` with no enrolment code: the set-up screen's case. */
async function kiosk(options: { portalUrl?: string; dataDir?: string; config?: Record<string, unknown> } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-setup-'));
  if (!options.dataDir) dirs.push(dataDir);
  const k = await startTestKiosk({ portalUrl: options.portalUrl ?? h.url, dataDir, config: options.config ?? {} });
  open.push(k);
  return k;
}

const form = (enrolmentCode: string, extra: Record<string, string> = {}) => ({
  portalUrl: h.url,
  enrolmentCode,
  label: 'Accueil Vichy 1',
  pin: '97531',
  pinAgain: '97531',
  ...extra,
});

describe('first start: the set-up screen enrols the kiosk', () => {
  it('refuses bad input, a wrong, a used and an expired code by name, then enrols with a good one', async () => {
    const k = await kiosk();
    const state = await k.call('setupState');
    expect(state.value).toMatchObject({ mode: 'setup', portalUrl: h.url, pinRequired: true, locked: false });

    const bad = await k.call('setupEnrol', form('ABCD-EFGH-JKLM', { portalUrl: 'portail sans adresse' }));
    expect([bad.error.code, bad.error.fields]).toEqual(['portal_address_invalid', ['portalUrl']]);
    // Refused before any traffic: plain http to another machine, as the configuration refuses it.
    const insecure = await k.call('setupEnrol', form('ABCD-EFGH-JKLM', { portalUrl: 'http://portal.example.org' }));
    expect(insecure.error.code).toBe('portal_address_insecure');
    expect((await k.call('setupEnrol', form('ABCD-EFGH-JKLM', { pinAgain: '13579' }))).error.code).toBe('pin_mismatch');
    expect((await k.call('setupEnrol', form('ABCD-EFGH-JKLM', { pin: '', pinAgain: '' }))).error.code).toBe(
      'pin_required',
    );
    const unreachable = await k.call('setupEnrol', form('ABCD-EFGH-JKLM', { portalUrl: 'http://127.0.0.1:9' }));
    expect(unreachable.error.code).toBe('portal_unreachable');

    expect((await k.call('setupEnrol', form('ZZZZ-ZZZZ-ZZZZ-ZZZZ'))).error.code).toBe('enrolment_code_invalid');
    const used = await h.portal.createKiosk('VICHY', 'Déjà prise');
    expect((await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode: used.enrolmentCode } })).status).toBe(
      201,
    );
    expect((await k.call('setupEnrol', form(used.enrolmentCode))).error.code).toBe('enrolment_code_used');
    const late = await h.portal.createKiosk('VICHY', 'Trop tard');
    h.clock.advance(8 * 86_400);
    expect((await k.call('setupEnrol', form(late.enrolmentCode))).error.code).toBe('enrolment_code_expired');
    expect((await k.call('setupState')).value.mode).toBe('setup');

    const good = await h.portal.createKiosk('VICHY', 'Borne neuve');
    const done = await k.call('setupEnrol', form(good.enrolmentCode));
    expect(done.ok).toBe(true);
    expect(done.value).toMatchObject({
      kioskId: good.kioskId,
      label: 'Accueil Vichy 1',
      agencyCode: 'VICHY',
      portalUrl: h.url,
      termsVersion: expect.any(String),
      keyId: expect.any(String),
      settings: expect.objectContaining({ resetEmailIntervalSeconds: expect.any(Number) }),
    });
    // Nothing secret in the summary: no credential, no PIN, no code.
    expect(JSON.stringify(done.value)).not.toMatch(/97531|credential/);
    expect((await k.call('setupState')).value.mode).toBe('ready');
    // The PIN chosen on screen opens staff mode.
    expect((await k.call('staffUnlock', { pin: '13579' })).error.code).toBe('staff_pin_wrong');
    expect((await k.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
    expect((await k.call('getInfo')).value.kioskId).toBe('Accueil Vichy 1');
  });

  it('the address, label and PIN chosen on screen win over the configuration at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-setup-'));
    dirs.push(dataDir);
    const fileHash = await hashStaffPin('24680', { logN: 14, r: 8, p: 1 });
    const first = await kiosk({ dataDir, config: { staff: { pinHash: fileHash } } });
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('VICHY', 'Borne B');
    // A PIN is set (by file): the set-up screen asks for it before anyone may enrol the kiosk.
    expect((await first.call('setupState')).value).toMatchObject({ mode: 'setup', locked: true, pinRequired: false });
    expect((await first.call('setupEnrol', form(enrolmentCode))).error.code).toBe('setup_not_allowed');
    expect((await first.call('staffUnlock', { pin: '24680' })).ok).toBe(true);
    expect((await first.call('setupBegin')).value.mode).toBe('reenrol');
    expect((await first.call('setupEnrol', form(enrolmentCode))).ok).toBe(true);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The file now names a dead address and another label: the kiosk keeps what staff chose.
    const again = await kiosk({ dataDir, portalUrl: 'http://127.0.0.1:9', config: { staff: { pinHash: fileHash } } });
    expect((await again.call('setupState')).value).toMatchObject({ mode: 'ready', portalUrl: h.url });
    expect((await again.call('getInfo')).value.kioskId).toBe('Accueil Vichy 1');
    expect((await again.call('staffUnlock', { pin: '24680' })).error.code).toBe('staff_pin_wrong');
    expect((await again.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
    await again.core.sync.heartbeat.beat();
    const row = await h.portal.db.select().from(kiosks).where(eq(kiosks.id, kioskId)).get();
    expect(row?.lastHeartbeatAt).not.toBeNull();
  });

  it('a kiosk set up by file keeps its configured PIN hash when none was chosen on screen', async () => {
    const fileHash = await hashStaffPin('24680', { logN: 14, r: 8, p: 1 });
    const { enrolmentCode } = await h.portal.createKiosk('VICHY', 'Par fichier');
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-setup-'));
    dirs.push(dataDir);
    const k = await startTestKiosk({
      portalUrl: h.url,
      enrolmentCode,
      dataDir,
      config: { staff: { pinHash: fileHash } },
    });
    open.push(k);
    expect((await k.call('setupState')).value.mode).toBe('ready');
    expect((await k.call('staffUnlock', { pin: '24680' })).ok).toBe(true);
  });
});

/** Forwards to the portal, but the first answer to an enrolment is lost (the socket dies after the portal acted). */
async function losingProxy(target: string) {
  let lost = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const answer = await fetch(target + req.url, {
      method: req.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (req.url === '/v1/kiosks/enrol' && lost === 0) {
      lost++;
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, lost: () => lost, close: () => new Promise((r) => server.close(r)) };
}

describe('the portal address typed on screen', () => {
  it('replaces a dead one from the file at once: the monitor and every call follow it', async () => {
    const k = await kiosk({ portalUrl: 'http://127.0.0.1:9' });
    expect((await k.call('setupState')).value.portalUrl).toBe('http://127.0.0.1:9');
    const { enrolmentCode } = await h.portal.createKiosk('VICHY', 'Nouvelle adresse');
    expect((await k.call('setupEnrol', form(enrolmentCode))).ok).toBe(true);
    expect(await k.core.sync.heartbeat.beat()).toBe(true);
    await until(async () => (await k.call('getStatus')).value.portal === 'online', 'portal online');
  });
});

describe('enrolment is retry-safe', () => {
  it('a lost first answer: trying again with the same code enrols the same kiosk row', async () => {
    const proxy = await losingProxy(h.url);
    const k = await kiosk({ portalUrl: proxy.url });
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('VICHY', 'Réponse perdue');
    const first = await k.call('setupEnrol', form(enrolmentCode, { portalUrl: proxy.url }));
    expect(proxy.lost()).toBe(1);
    expect(first.error.code).toBe('portal_unreachable');
    // The portal did enrol the row: without the install id this code would now be « used ».
    expect((await h.portal.db.select().from(kiosks).where(eq(kiosks.id, kioskId)).get())?.enrolledAt).not.toBeNull();
    const again = await k.call('setupEnrol', form(enrolmentCode, { portalUrl: proxy.url }));
    expect(again.ok).toBe(true);
    expect(again.value.kioskId).toBe(kioskId);
    await k.core.sync.heartbeat.beat();
    expect(
      (await h.portal.db.select().from(kiosks).where(eq(kiosks.id, kioskId)).get())?.lastHeartbeatAt,
    ).not.toBeNull();
    await proxy.close();
  });
});

describe('revocation and re-enrolment', () => {
  it('revoked: « borne désactivée », rows kept untouched, a new code from staff brings it back and they are sent', async () => {
    const k = await kiosk();
    const first = await h.portal.createKiosk('VICHY', 'Révoquée');
    expect((await k.call('setupEnrol', form(first.enrolmentCode))).ok).toBe(true);
    await until(async () => (await k.core.outbox.figures()).oldestPendingAt === null, 'outbox drained');

    expect(await revokeKiosk(h.portal.db, first.kioskId, h.clock.now())).toBe(true);
    // A staff action queues an audit event: its delivery meets the revocation.
    expect((await k.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
    await until(async () => (await k.call('setupState')).value.mode === 'revoked', 'revoked screen');
    expect((await k.call('staffStatus')).value.enrolment).toBe('revoked');
    const kept = await k.core.database.db.select().from(outbox);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((r) => r.state !== 'refused' && r.payload !== null)).toBe(true);
    // Still revoked after a heartbeat: nothing is sent, nothing refused.
    await k.core.sync.heartbeat.beat();
    expect((await k.call('setupState')).value.mode).toBe('revoked');

    // Nobody in the hall may enrol it: a staff session is needed first.
    await k.call('staffLeave');
    const second = await h.portal.createKiosk('VICHY', 'De retour');
    expect((await k.call('setupEnrol', form(second.enrolmentCode))).error.code).toBe('setup_not_allowed');
    expect((await k.call('setupBegin')).error.code).toBe('staff_locked');
    expect((await k.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
    expect((await k.call('setupBegin')).value.mode).toBe('reenrol');
    const back = await k.call('setupEnrol', form(second.enrolmentCode, { pin: '', pinAgain: '' }));
    expect(back.ok).toBe(true);
    expect(back.value.kioskId).toBe(second.kioskId);
    expect((await k.call('setupState')).value.mode).toBe('ready');

    await until(async () => (await k.core.database.db.select().from(outbox)).length === 0, 'rows delivered');
    const events = await h.portal.db.select().from(kioskEvents).where(eq(kioskEvents.kioskId, second.kioskId));
    expect(events.some((e) => e.event === 'unlock')).toBe(true);
    // The PIN was kept (left blank on re-enrolment).
    await k.call('staffLeave');
    expect((await k.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
  });

  it('re-enrolment from the staff panel needs the session, and « Annuler » leaves the kiosk as it was', async () => {
    const k = await kiosk();
    const first = await h.portal.createKiosk('VICHY', 'Panel');
    expect((await k.call('setupEnrol', form(first.enrolmentCode))).ok).toBe(true);
    expect((await k.call('setupEnrol', form('ABCD-EFGH-JKLM'))).error.code).toBe('setup_not_allowed');
    expect((await k.call('staffUnlock', { pin: '97531' })).ok).toBe(true);
    expect((await k.call('setupBegin')).value.mode).toBe('reenrol');
    expect((await k.call('setupCancel')).value.mode).toBe('ready');
    expect((await k.call('setupBegin')).value.mode).toBe('reenrol');
    // A wrong code leaves the old credential working.
    expect((await k.call('setupEnrol', form('ZZZZ-ZZZZ-ZZZZ-ZZZZ'))).error.code).toBe('enrolment_code_invalid');
    expect(await k.core.sync.heartbeat.beat()).toBe(true);
    const next = await h.portal.createKiosk('VICHY', 'Panel bis');
    expect((await k.call('setupEnrol', form(next.enrolmentCode))).value.kioskId).toBe(next.kioskId);
  });
});
