import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskEvents } from '../../../src/portal/db/schema';
import { startHarness, type Harness } from './harness';

const ADMIN = 'admin-token-for-fleet-tests-0123456789';
const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);

let h: Harness;
let kiosk: { kioskId: string; credential: string };
beforeAll(async () => {
  h = await startHarness({ adminToken: ADMIN });
  kiosk = await h.enrolKiosk('VICHY');
});
afterAll(() => h?.close());

const event = (over: Record<string, unknown> = {}) => ({
  at: h.clock.now().toISOString(),
  source: 'journey',
  event: 'registration',
  outcome: 'queued',
  assisted: true,
  detail: 'fr',
  ...over,
});
const eventsOf = (kioskId: string) => h.portal.db.select().from(kioskEvents).where(eq(kioskEvents.kioskId, kioskId));

describe('kiosk events (recordEvent)', () => {
  it('records an event once per Idempotency-Key, answering 202', async () => {
    const send = () =>
      h.call('POST', '/v1/kiosks/events', {
        credential: kiosk.credential,
        body: event(),
        idempotencyKey: 'evt-once-0001',
      });
    const first = await send();
    expect(first.status).toBe(202);
    expect(first.body.value).toEqual({ recorded: true });
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOf(kiosk.kioskId)).toHaveLength(1);
  });

  it('admits code words only: a name, an email or a number cannot be stored', async () => {
    const { kioskId, credential } = await h.enrolKiosk('VICHY');
    for (const bad of [
      { event: 'Jean Dupont' },
      { outcome: 'camille.martin@exemple.invalid' },
      { detail: '0299900000001' },
      { detail: 'a'.repeat(41) },
      { note: 'free text' },
    ]) {
      const r = await h.call('POST', '/v1/kiosks/events', { credential, body: event(bad) });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    expect(await eventsOf(kioskId)).toHaveLength(0);
    expect((await h.call('POST', '/v1/kiosks/events', { body: event() })).status).toBe(401);
  });
});

describe('fleet figures', () => {
  it('the admin listing and `portal:admin -- kiosks` show heartbeat figures, refusals and events', async () => {
    const outbox = {
      byKind: {
        register: { pending: 4, inFlight: 1, refused: 2 },
        reset_request: { pending: 1, inFlight: 0, refused: 0 },
      },
      oldestPendingAt: '2025-06-15T08:30:00.000Z',
      refusedCodes: { email_in_use: 1, identity_not_found: 1 },
    };
    const beat = await h.call('POST', '/v1/kiosks/heartbeat', {
      credential: kiosk.credential,
      body: { version: '0.2.0', inService: false, outbox, lastSyncAt: '2025-06-15T08:59:00.000Z' },
    });
    expect(beat.status).toBe(200);
    for (const outcome of ['delivered', 'delivered', 'identity_not_found'])
      await h.call('POST', '/v1/kiosks/events', { credential: kiosk.credential, body: event({ outcome }) });
    await h.call('POST', '/v1/kiosks/events', {
      credential: kiosk.credential,
      body: event({ source: 'staff', event: 'set_out_of_service', outcome: 'ok', detail: null }),
    });

    const list = await h.call('GET', '/v1/admin/kiosks', { credential: ADMIN });
    const mine = list.body.value.kiosks.find((k: { kioskId: string }) => k.kioskId === kiosk.kioskId);
    expect(mine).toMatchObject({
      version: '0.2.0',
      inService: false,
      outbox,
      outboxDepth: 6,
      lastSyncAt: '2025-06-15T08:59:00.000Z',
      recentEvents: {
        'journey.registration.queued': 1,
        'journey.registration.delivered': 2,
        'journey.registration.identity_not_found': 1,
        'staff.set_out_of_service.ok': 1,
      },
    });
    // Events older than the listing's window no longer count.
    h.clock.advance(8 * 86_400);
    const later = await h.call('GET', '/v1/admin/kiosks', { credential: ADMIN });
    expect(later.body.value.kiosks.find((k: { kioskId: string }) => k.kioskId === kiosk.kioskId).recentEvents).toEqual(
      {},
    );
    h.clock.advance(-8 * 86_400);

    // The CLI runs on the real clock: it sees the same figures (events are dated 2025, outside its window).
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/portal/admin-cli.ts', 'kiosks', '--data-dir', h.portal.config.dataDir],
      { cwd: root, env: { ...process.env, PORTAL_CONFIG: '' } },
    );
    const block = stdout.split(/\n(?=k_)/).find((b) => b.startsWith(kiosk.kioskId))!;
    expect(block).toContain('OUT OF SERVICE');
    expect(block).toContain('version 0.2.0');
    expect(block).toContain('last sync: 2025-06-15T08:59:00.000Z');
    expect(block).toContain('outbox: 6 waiting — register 4 pending / 1 in flight / 2 refused');
    expect(block).toContain('reset_request 1 pending / 0 in flight / 0 refused');
    expect(block).toContain('oldest pending: 2025-06-15T08:30:00.000Z');
    expect(block).toContain('refused codes: email_in_use 1, identity_not_found 1');
  });
});
