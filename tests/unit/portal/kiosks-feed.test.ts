import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEALED_CONTENT_TYPE } from '../../../src/shared/portal-api';
import { seal } from '../../../src/main/core/outbox/seal';
import { portalSecrets } from '../../../src/portal/db/schema';
import { loadPortalKeys } from '../../../src/portal/security/keys';
import { identityOf, startHarness, STRONG_PASSWORD, TEST_SIGNATORIES, type Harness } from './harness';

const ADMIN = 'admin-token-for-tests-0123456789';
const FIGURES = {
  byKind: { register: { pending: 2, inFlight: 1, refused: 1 }, event: { pending: 0, inFlight: 0, refused: 0 } },
  oldestPendingAt: '2025-06-15T08:00:00.000Z',
  refusedCodes: { email_in_use: 1 },
};
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
    // Another install presenting a spent code is told it is used (a replay needs the same install id).
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('enrolment_code_used');
  });

  it('refuses an expired code', async () => {
    const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Accueil 2');
    h.clock.advance(8 * 86_400);
    const expired = await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('enrolment_code_expired');
  });

  it('records heartbeats and lists kiosks for the admin only', async () => {
    const { kioskId, credential } = await h.enrolKiosk('VICHY');
    const beat = await h.call('POST', '/v1/kiosks/heartbeat', {
      credential,
      body: { version: '0.1.0', outbox: FIGURES, lastSyncAt: null },
    });
    expect(beat.status).toBe(200);
    expect((await h.call('GET', '/v1/admin/kiosks', { credential })).body.error.code).toBe('admin_unauthorized');
    const list = await h.call('GET', '/v1/admin/kiosks', { credential: ADMIN });
    const mine = list.body.value.kiosks.find((k: { kioskId: string }) => k.kioskId === kioskId);
    expect(mine).toMatchObject({
      agencyCode: 'VICHY',
      enrolled: true,
      outboxDepth: 3,
      outbox: FIGURES,
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

describe('no identity oracle on a kiosk (issue 9, item 4)', () => {
  it('a kiosk credential gets no directory feed and no HMAC key: nothing that can answer « is this identity right? »', async () => {
    const { credential } = await h.enrolKiosk('CLERMONT');
    const feed = await h.call('GET', '/v1/directory/changes?limit=5000', { credential });
    expect(feed.status).toBe(404);
    expect(feed.body.error.code).toBe('not_found');
    const keys = await h.call('GET', '/v1/keys', { credential });
    expect(keys.status).toBe(200);
    expect(Object.keys(keys.body.value)).toEqual(['sealing']);
    expect(Object.keys(keys.body.value.sealing).sort()).toEqual(['algorithm', 'keyId', 'publicKey']);
    // What a kiosk may cache for offline use holds settings only, nothing about tenants.
    const config = await h.call('GET', '/v1/kiosks/config', { credential });
    expect(config.status).toBe(200);
    const text = JSON.stringify([keys.body, config.body]);
    for (const s of TEST_SIGNATORIES)
      for (const v of [s.accountNumber, s.lastName, s.dateOfBirth]) expect(text).not.toContain(v);
    // The portal keeps no directory key material either.
    const secrets = await h.portal.db.select().from(portalSecrets).all();
    expect(secrets.map((r) => r.name)).not.toContain('directory-hmac-master');
  });

  it('the old directory-feed master key is erased from a database that still has it', async () => {
    await h.portal.db.insert(portalSecrets).values({ name: 'directory-hmac-master', value: 'x'.repeat(43) });
    await loadPortalKeys(h.portal.db, h.clock.now, { graceSeconds: 60 });
    expect(
      await h.portal.db.select().from(portalSecrets).where(eq(portalSecrets.name, 'directory-hmac-master')).get(),
    ).toBeUndefined();
  });

  it('serves what a kiosk caches: the terms version and non-personal settings', async () => {
    const { credential } = await h.enrolKiosk('CLERMONT');
    expect((await h.call('GET', '/v1/kiosks/config')).status).toBe(401);
    const config = await h.call('GET', '/v1/kiosks/config', { credential });
    expect(config.body.value).toEqual({
      termsVersion: '2025-01',
      settings: {
        activationResendCooldownSeconds: 60,
        resetEmailIntervalSeconds: 60,
        activationCodeMinutes: 30,
        resetCodeMinutes: 15,
        sessionIdleSeconds: 900,
      },
    });
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
    const sealed = seal(sealing, body);
    expect(JSON.stringify(sealed)).not.toContain(STRONG_PASSWORD);
    const r = await h.call('POST', '/v1/registrations', {
      credential,
      raw: JSON.stringify(sealed),
      contentType: SEALED_CONTENT_TYPE,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const tampered = { ...seal(sealing, body), tag: 'A'.repeat(22) };
    const bad = await h.call('POST', '/v1/registrations', {
      credential,
      raw: JSON.stringify(tampered),
      contentType: SEALED_CONTENT_TYPE,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('sealed_payload_invalid');
  });
});
