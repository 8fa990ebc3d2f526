import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../../src/portal';
import { signatories } from '../../../src/portal/db/schema';
import { parseSignatoriesCsv } from '../../../src/portal/signatories/csv-import';
import { demoSignatories, toCsv } from '../../../src/portal/signatories/demo-data';
import { countSignatories } from '../../../src/portal/signatories/store';
import { canonicalName } from '../../../src/shared/rules';
import { startHarness, type Harness } from './harness';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = 'account_number;lease_id;agency_code;last_name;first_name;date_of_birth;lease_status';

describe('CSV export of the tenancy system', () => {
  it('accepts the documented columns, 11 or 13 digits, French dates and statuses, co-signatories', () => {
    const csv = `\uFEFF${HEADER}\n0299911111111;L-1;clermont;De La Fontaine;Jean-Pierre;14/03/1970;en cours\n99911111111;L-1;CLERMONT;"N'Diaye";Marie-Hélène;1975-11-02;current\n`;
    const r = parseSignatoriesCsv(csv, '2025-06-15');
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.rows.map((x) => [x.accountNumber, x.agencyCode, x.dateOfBirth, x.leaseStatus])).toEqual([
        ['0299911111111', 'CLERMONT', '1970-03-14', 'current'],
        ['0299911111111', 'CLERMONT', '1975-11-02', 'current'],
      ]);
  });

  it('reports every bad line with its number and column, and yields nothing', () => {
    const csv = [
      HEADER,
      '0299911111111;L-1;CLERMONT;Martin;Paul;1970-01-01;current',
      '12345;L-2;CLERMONT;Martin;Paul;1970-01-01;current',
      '0299911111112;L-3;CLERMONT;Martin😀;Paul;1970-02-30;maybe',
      '0299911111111;L-1;CLERMONT;MARTIN;paul;1970-01-01;current',
    ].join('\n');
    const r = parseSignatoriesCsv(csv, '2025-06-15');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => [p.line, p.column])).toEqual([
        [3, 'account_number'],
        [4, 'last_name'],
        [4, 'date_of_birth'],
        [4, 'lease_status'],
        [5, 'last_name'],
      ]);
    expect(parseSignatoriesCsv('name;x\nA;B', '2025-06-15')).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringContaining('missing columns') }],
    });
  });
});

describe('demo data', () => {
  it('is deterministic, fictional-looking and valid through the CSV importer', () => {
    const a = demoSignatories(2_000);
    expect(demoSignatories(2_000)).toEqual(a);
    expect(a).toHaveLength(2_000);
    expect(a.every((r) => r.accountNumber.startsWith('02999'))).toBe(true);
    expect(a.some((r) => r.leaseStatus === 'ended')).toBe(true);
    expect(
      a.some((r) => /[-']/.test(r.lastName)) &&
        a.some((r) => /\s/.test(r.lastName)) &&
        a.some((r) => /[éèëïô]/.test(r.firstName)),
    ).toBe(true);
    const leases = new Map<string, number>();
    for (const r of a) leases.set(r.leaseId, (leases.get(r.leaseId) ?? 0) + 1);
    expect([...leases.values()].some((n) => n === 2)).toBe(true);
    const parsed = parseSignatoriesCsv(toCsv(a), '2025-06-15');
    expect(parsed.ok && parsed.rows).toEqual(a);
  });
});

describe('import into the portal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('re-import updates in place', async () => {
    const rows = demoSignatories(300);
    expect((await h.portal.importSignatories(rows)).rows).toBe(300);
    const total = await countSignatories(h.portal.db);
    await h.portal.importSignatories(rows);
    expect(await countSignatories(h.portal.db)).toBe(total);
    const changed = rows.map((r, i) =>
      i === 10 ? { ...r, leaseStatus: 'ended' as const, firstName: r.firstName.toUpperCase() } : r,
    );
    await h.portal.importSignatories(changed);
    expect(await countSignatories(h.portal.db)).toBe(total);
    const n = (await h.portal.db
      .select({ n: sql<number>`count(*)` })
      .from(signatories)
      .where(eq(signatories.leaseId, rows[10]!.leaseId))
      .get())!.n;
    const row = await h.portal.db
      .select()
      .from(signatories)
      .where(eq(signatories.canonicalFirst, canonicalName(rows[10]!.firstName)))
      .all();
    expect(row.some((r) => r.leaseStatus === 'ended' && r.firstName === rows[10]!.firstName.toUpperCase())).toBe(true);
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

describe('startDemoPortal', () => {
  let demo: DemoPortal;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-demo-'));
    demo = await startDemoPortal({ dataDir: dir, tenants: 100, logLevel: 'silent' });
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves health, a mailbox page, and an enrolment code the kiosk can trade', async () => {
    expect((await fetch(`${demo.url}/health`)).status).toBe(200);
    const mailbox = await fetch(demo.mailboxUrl);
    expect(mailbox.status).toBe(200);
    expect(await mailbox.text()).toContain('Boîte de réception');
    const enrol = await fetch(`${demo.url}/v1/kiosks/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: demo.enrolmentCode }),
    });
    expect(enrol.status).toBe(201);
    expect(((await enrol.json()) as { value: { agencyCode: string } }).value.agencyCode).toBe(demo.agencyCode);
    expect(demo.kioskCredential).toBeNull();
  });

  it("in 'credential' mode hands the kiosk a working credential, and keeps the directory across restarts", async () => {
    await demo.close();
    demo = await startDemoPortal({ dataDir: dir, tenants: 100, logLevel: 'silent', enrolment: 'credential' });
    expect(demo.enrolmentCode).toBeNull();
    const keys = await fetch(`${demo.url}/v1/keys`, { headers: { authorization: `Bearer ${demo.kioskCredential}` } });
    expect(keys.status).toBe(200);
    expect(await countSignatories(demo.portal.db)).toBe(100);
  });
});
