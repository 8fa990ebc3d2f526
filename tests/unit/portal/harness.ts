import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal, type RunningPortal } from '../../../src/portal';
import type { PortalFaults } from '../../../src/portal/context';
import type { ReceivedMail } from '../../../src/portal/mail/demo-receiver';
import type { SignatoryRow } from '../../../src/portal/signatories/store';

/** A clock tests move forward instead of waiting. */
export class TestClock {
  constructor(private t = Date.parse('2025-06-15T09:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field by the tests
  body: any;
  headers: Headers;
}

export interface Harness {
  portal: RunningPortal;
  clock: TestClock;
  url: string;
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      raw?: string;
      contentType?: string;
      credential?: string | null;
      session?: string;
      idempotencyKey?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Answer>;
  enrolKiosk(agencyCode?: string): Promise<{ kioskId: string; credential: string }>;
  mailsTo(address: string): ReceivedMail[];
  /** The latest mail to `address`, waiting for background sends. */
  lastMailTo(address: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A fictional directory for tests: names with particles, hyphens, apostrophes, accents. */
export const TEST_SIGNATORIES: SignatoryRow[] = [
  {
    accountNumber: '0299900000001',
    leaseId: 'T-1',
    agencyCode: 'CLERMONT',
    lastName: 'De La Fontaine',
    firstName: 'Jean-Pierre',
    dateOfBirth: '1970-03-14',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000001',
    leaseId: 'T-1',
    agencyCode: 'CLERMONT',
    lastName: "N'Diaye",
    firstName: 'Marie-Hélène',
    dateOfBirth: '1975-11-02',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000002',
    leaseId: 'T-2',
    agencyCode: 'CLERMONT',
    lastName: 'Lefèvre',
    firstName: 'Zoé',
    dateOfBirth: '1990-07-30',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000003',
    leaseId: 'T-3',
    agencyCode: 'CLERMONT',
    lastName: 'Dubois',
    firstName: 'Noël',
    dateOfBirth: '1960-01-01',
    leaseStatus: 'ended',
  },
  {
    accountNumber: '0299900000004',
    leaseId: 'T-4',
    agencyCode: 'VICHY',
    lastName: "D'Almeida",
    firstName: 'João',
    dateOfBirth: '1985-05-05',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000005',
    leaseId: 'T-5',
    agencyCode: 'CLERMONT',
    lastName: 'Martin',
    firstName: 'Camille',
    dateOfBirth: '1988-08-08',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000006',
    leaseId: 'T-6',
    agencyCode: 'CLERMONT',
    lastName: 'Garnier',
    firstName: 'Théo',
    dateOfBirth: '1992-02-02',
    leaseStatus: 'current',
  },
  {
    accountNumber: '0299900000007',
    leaseId: 'T-7',
    agencyCode: 'CLERMONT',
    lastName: 'Perrin',
    firstName: 'Inès',
    dateOfBirth: '1993-03-03',
    leaseStatus: 'current',
  },
];

export const STRONG_PASSWORD = 'Tournesol-Vert-42';

export async function startHarness(
  config: Record<string, unknown> = {},
  options: { faults?: PortalFaults } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const clock = new TestClock();
  const portal = await startPortal({
    config: { dataDir, port: 0, logLevel: 'silent', ...config },
    now: clock.now,
    ...options,
  });
  await portal.importSignatories(TEST_SIGNATORIES);
  const url = portal.url;
  const call: Harness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.credential) headers.authorization = `Bearer ${options.credential}`;
    if (options.session) headers['x-session-token'] = options.session;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= options.contentType ?? 'application/json';
    const response = await fetch(url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* HTML pages */
    }
    return { status: response.status, body, headers: response.headers };
  };
  const mailsTo = (address: string) => portal.mailbox!.messages().filter((m) => m.to.includes(address));
  return {
    portal,
    clock,
    url,
    call,
    async enrolKiosk(agencyCode = 'CLERMONT') {
      const { enrolmentCode } = await portal.createKiosk(agencyCode, 'Borne de test');
      const r = await call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode } });
      if (r.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(r.body)}`);
      return { kioskId: r.body.value.kioskId, credential: r.body.value.credential };
    },
    mailsTo,
    async lastMailTo(address) {
      await portal.settle();
      // SMTP delivery to the in-process receiver completes just after the send resolves.
      for (let i = 0; i < 100; i++) {
        const mails = mailsTo(address);
        if (mails.length > 0) return mails.at(-1)!;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no mail to ${address}`);
    },
    async close() {
      await portal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const identityOf = (i: number) => {
  const s = TEST_SIGNATORIES[i]!;
  return { accountNumber: s.accountNumber, lastName: s.lastName, firstName: s.firstName, dateOfBirth: s.dateOfBirth };
};

/**
 * An account as a tenant would have made it at another kiosk: registered over the portal's API for
 * signatory `i` with STRONG_PASSWORD and, unless `activate` is false, activated with its email's code.
 */
export async function portalAccount(h: Harness, credential: string, i: number, email: string, activate = true) {
  const registered = await h.call('POST', '/v1/registrations', {
    credential,
    body: { identity: identityOf(i), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
  });
  if (registered.status !== 201) throw new Error(`registration refused: ${JSON.stringify(registered.body)}`);
  if (!activate) return;
  const mail = await h.lastMailTo(email);
  const activated = await h.call('POST', '/v1/activation/code', { credential, body: { email, code: mail.codes[0] } });
  if (activated.status !== 200) throw new Error(`activation refused: ${JSON.stringify(activated.body)}`);
}
