import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROL_REPLAY_SECONDS, revokeKiosk } from '../../../src/portal/kiosks/service';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const installId = () => randomBytes(18).toString('base64url');
const enrol = (enrolmentCode: string, install?: string) =>
  h.call('POST', '/v1/kiosks/enrol', {
    body: { enrolmentCode, label: 'Accueil', ...(install ? { installId: install } : {}) },
  });
const beat = (credential: string) =>
  h.call('POST', '/v1/kiosks/heartbeat', {
    credential,
    body: { version: '1.0.0', outbox: { byKind: {}, oldestPendingAt: null, refusedCodes: {} }, lastSyncAt: null },
  });

describe('POST /v1/kiosks/enrol: the refusals say which', () => {
  it('a good code enrols once; then used, a wrong one, an expired one are each named', async () => {
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('CLERMONT', 'Borne A');
    const good = await enrol(enrolmentCode, installId());
    expect(good.status).toBe(201);
    expect(good.body.value.kioskId).toBe(kioskId);
    expect((await beat(good.body.value.credential)).status).toBe(200);

    const used = await enrol(enrolmentCode, installId());
    expect([used.status, used.body.error.code]).toEqual([409, 'enrolment_code_used']);
    const usedNoInstall = await enrol(enrolmentCode);
    expect(usedNoInstall.body.error.code).toBe('enrolment_code_used');

    const wrong = await enrol('ZZZZ-ZZZZ-ZZZZ-ZZZZ', installId());
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'enrolment_code_invalid']);

    const late = await h.portal.createKiosk('CLERMONT', 'Borne B');
    h.clock.advance(8 * 86_400);
    const expired = await enrol(late.enrolmentCode, installId());
    expect([expired.status, expired.body.error.code]).toEqual([410, 'enrolment_code_expired']);
  });
});

describe('a lost answer: the same install may trade its code again', () => {
  it('re-issues the credential of the same row; the first one stops working; other installs are refused', async () => {
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('CLERMONT', 'Borne C');
    const mine = installId();
    const first = await enrol(enrolmentCode, mine);
    expect(first.status).toBe(201);
    // The kiosk never got `first`: it asks again with the same install id.
    h.clock.advance(30);
    const replay = await enrol(enrolmentCode, mine);
    expect(replay.status).toBe(201);
    expect(replay.body.value.kioskId).toBe(kioskId);
    expect(replay.body.value.credential).not.toBe(first.body.value.credential);
    expect((await beat(first.body.value.credential)).body.error.code).toBe('kiosk_unauthorized');
    expect((await beat(replay.body.value.credential)).status).toBe(200);

    expect((await enrol(enrolmentCode, installId())).body.error.code).toBe('enrolment_code_used');
    // The window counts from the first trade, however many replays.
    h.clock.advance(ENROL_REPLAY_SECONDS);
    expect((await enrol(enrolmentCode, mine)).body.error.code).toBe('enrolment_code_used');
  });

  it('100 installs at once with one code: exactly one kiosk gets a credential', async () => {
    const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne D');
    const answers = await Promise.all(Array.from({ length: 100 }, () => enrol(enrolmentCode, installId())));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'enrolment_code_used')).toHaveLength(99);
  });

  it('100 replays at once by the same install: one row, one working credential', async () => {
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('CLERMONT', 'Borne E');
    const mine = installId();
    const answers = await Promise.all(Array.from({ length: 100 }, () => enrol(enrolmentCode, mine)));
    const granted = answers.filter((a) => a.status === 201);
    expect(granted.every((a) => a.body.value.kioskId === kioskId)).toBe(true);
    const working = await Promise.all(granted.map(async (a) => (await beat(a.body.value.credential)).status === 200));
    expect(working.filter(Boolean)).toHaveLength(1);
  });
});

describe('revocation', () => {
  it('a revoked kiosk is told kiosk_revoked (not a wrong credential); its code cannot bring it back', async () => {
    const { enrolmentCode, kioskId } = await h.portal.createKiosk('CLERMONT', 'Borne F');
    const mine = installId();
    const { credential } = (await enrol(enrolmentCode, mine)).body.value;
    expect(await revokeKiosk(h.portal.db, kioskId, h.clock.now())).toBe(true);
    const refused = await beat(credential);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'kiosk_revoked']);
    expect((await enrol(enrolmentCode, mine)).body.error.code).toBe('enrolment_code_used');
    expect((await beat('not-a-credential-at-all-0000')).body.error.code).toBe('kiosk_unauthorized');
  });
});
