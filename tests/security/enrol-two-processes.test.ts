import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk } from '../../src/portal/kiosks/service';
import { startTwoPortals, type TwoPortals } from './two-portals';

// Issue #12: an enrolment code is single use, and its replay belongs to one install only, even
// with two portal processes on one libSQL file answering at once.
let p: TwoPortals;
beforeAll(async () => {
  p = await startTwoPortals();
}, 120_000);
afterAll(() => p?.close());

const installId = () => randomBytes(18).toString('base64url');
const newCode = async () =>
  (await createKiosk(p.db.db, { agencyCode: 'CLERMONT', label: 'Borne' }, new Date(), 3600)).enrolmentCode;

describe('enrolment across two portal processes', { timeout: 120_000 }, () => {
  it('100 installs at once, split over both processes: one credential, 99 « used »', async () => {
    const enrolmentCode = await newCode();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        p.call((i % 2) as 0 | 1, '/v1/kiosks/enrol', { enrolmentCode, installId: installId() }, { authorization: '' }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'enrolment_code_used')).toHaveLength(99);
  });

  it('a replay on the other process re-issues the same row; another install is refused there too', async () => {
    const enrolmentCode = await newCode();
    const mine = installId();
    const first = await p.call(0, '/v1/kiosks/enrol', { enrolmentCode, installId: mine }, { authorization: '' });
    const replay = await p.call(1, '/v1/kiosks/enrol', { enrolmentCode, installId: mine }, { authorization: '' });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body.value.kioskId).toBe(first.body.value.kioskId);
    const other = await p.call(1, '/v1/kiosks/enrol', { enrolmentCode, installId: installId() }, { authorization: '' });
    expect(other.body.error.code).toBe('enrolment_code_used');
  });
});
