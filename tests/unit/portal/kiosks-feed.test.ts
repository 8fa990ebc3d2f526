import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryAccountMessage, directoryIdentityMessage, SEALED_CONTENT_TYPE } from '../../../src/shared/portal-api';
import { sealPayload } from '../../../src/portal';
import { identityOf, startHarness, STRONG_PASSWORD, TEST_SIGNATORIES, type Harness } from './harness';

const ADMIN = 'admin-token-for-tests-0123456789';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adminToken: ADMIN });
});
afterAll(() => h?.close());

describe('kiosk enrolment', () => {
  it('trades a one-time code for a credential, once', async () => {
    const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Accueil');
    const first = await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode: enrolmentCode.toLowerCase() } });
    expect(first.status).toBe(201);
    expect(first.body.value).toMatchObject({ agencyCode: 'CLERMONT', kioskId: expect.stringMatching(/^k_/) });
    const again = await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('enrolment_code_invalid');
  });

  it('refuses an expired code', async () => {
    const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Accueil 2');
    h.clock.advance(8 * 86_400);
    expect((await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode } })).body.error.code).toBe(
      'enrolment_code_invalid',
    );
  });

  it('records heartbeats and lists kiosks for the admin only', async () => {
    const { kioskId, credential } = await h.enrolKiosk('VICHY');
    const beat = await h.call('POST', '/v1/kiosks/heartbeat', {
      credential,
      body: { version: '0.1.0', outboxDepth: 3, lastSyncAt: null },
    });
    expect(beat.status).toBe(200);
    expect((await h.call('GET', '/v1/admin/kiosks', { credential })).body.error.code).toBe('admin_unauthorized');
    const list = await h.call('GET', '/v1/admin/kiosks', { credential: ADMIN });
    const mine = list.body.value.kiosks.find((k: { kioskId: string }) => k.kioskId === kioskId);
    expect(mine).toMatchObject({
      agencyCode: 'VICHY',
      enrolled: true,
      outboxDepth: 3,
      version: '0.1.0',
      inService: true,
      lastHeartbeatAt: h.clock.now().toISOString(),
    });
    const created = await h.call('POST', '/v1/admin/kiosks', {
      credential: ADMIN,
      body: { agencyCode: 'THIERS', label: 'Accueil Thiers' },
    });
    expect(created.status).toBe(201);
    expect(created.body.value.enrolmentCode).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  });
});

describe('directory change feed', () => {
  it("gives the kiosk's agency only, as HMACs the kiosk can recompute, with statuses and a cursor", async () => {
    const { credential } = await h.enrolKiosk('CLERMONT');
    const keys = (await h.call('GET', '/v1/keys', { credential })).body.value;
    const key = Buffer.from(keys.directory.key, 'base64url');
    const mac = (m: string) => createHmac('sha256', key).update(m).digest('base64url');

    const page1 = await h.call('GET', '/v1/directory/changes?limit=3', { credential });
    expect(page1.body.value.records).toHaveLength(3);
    expect(page1.body.value.hasMore).toBe(true);
    const rest = await h.call('GET', `/v1/directory/changes?cursor=${page1.body.value.nextCursor}&limit=100`, {
      credential,
    });
    const all = [...page1.body.value.records, ...rest.body.value.records];
    const clermont = TEST_SIGNATORIES.filter((s) => s.agencyCode === 'CLERMONT');
    expect(all).toHaveLength(clermont.length);
    const typed = { ...identityOf(0), lastName: 'de la fontaine', firstName: 'JEAN PIERRE' };
    const record = all.find((r) => r.identityHmac === mac(directoryIdentityMessage(typed)));
    expect(record).toEqual({
      accountHmac: mac(directoryAccountMessage(typed.accountNumber)),
      identityHmac: expect.any(String),
      status: 'eligible',
    });
    expect(all.find((r) => r.identityHmac === mac(directoryIdentityMessage(identityOf(3))))!.status).toBe('removed');
    expect(JSON.stringify(all)).not.toMatch(/Fontaine|1970|0299900000001/);

    // Registering moves the record to the end of the feed with its new status.
    const cursor = rest.body.value.nextCursor;
    expect((await h.call('GET', `/v1/directory/changes?cursor=${cursor}`, { credential })).body.value.records).toEqual(
      [],
    );
    await h.call('POST', '/v1/registrations', {
      credential,
      body: {
        identity: identityOf(0),
        email: 'feed@exemple.invalid',
        password: STRONG_PASSWORD,
        acceptedTermsVersion: '2025-01',
      },
    });
    const after = await h.call('GET', `/v1/directory/changes?cursor=${cursor}`, { credential });
    expect(after.body.value.records).toEqual([{ ...record, status: 'registered' }]);
    expect((await h.call('GET', '/v1/directory/changes?cursor=abc', { credential })).status).toBe(400);
  });
});

describe('sealed payloads', () => {
  it('opens a body sealed to the portal key and validates it like a plain one', async () => {
    const { credential } = await h.enrolKiosk('CLERMONT');
    const { sealing } = (await h.call('GET', '/v1/keys', { credential })).body.value;
    const body = {
      identity: identityOf(1),
      email: 'sealed@exemple.invalid',
      password: STRONG_PASSWORD,
      acceptedTermsVersion: '2025-01',
    };
    const sealed = sealPayload(sealing, body);
    expect(JSON.stringify(sealed)).not.toContain(STRONG_PASSWORD);
    const r = await h.call('POST', '/v1/registrations', {
      credential,
      raw: JSON.stringify(sealed),
      contentType: SEALED_CONTENT_TYPE,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const tampered = { ...sealPayload(sealing, body), tag: 'A'.repeat(22) };
    const bad = await h.call('POST', '/v1/registrations', {
      credential,
      raw: JSON.stringify(tampered),
      contentType: SEALED_CONTENT_TYPE,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('sealed_payload_invalid');
  });
});
