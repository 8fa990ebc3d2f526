import type { RunningPortal } from '../../src/portal';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import type { FaultItem } from './messages';

export interface PlanOptions {
  registrations: number;
  resets: number;
  events: number;
}

const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
};

export interface Planned extends FaultItem {
  email?: string;
  /** Strings of the payload that must not be readable on the kiosk once delivered. */
  canaries: string[];
}

export function plan(options: PlanOptions, run: string, people: SignatoryRow[], resetEmails: string[]): Planned[] {
  const items: Planned[] = [];
  for (let n = 0; n < options.registrations; n++) {
    const s = people[n]!;
    const email = `canari.${run}.r${n}@exemple.invalid`;
    const password = `Canari-${run}-${n}-Vert!`;
    const identity = {
      accountNumber: s.accountNumber,
      lastName: s.lastName,
      firstName: s.firstName,
      dateOfBirth: s.dateOfBirth,
    };
    items.push({
      ref: `r${n}`,
      kind: 'register',
      email,
      body: { identity, email, password, acceptedTermsVersion: '2025-01', language: 'fr' },
      canaries: [email, password, s.accountNumber],
    });
  }
  resetEmails.forEach((email, n) =>
    items.push({ ref: `p${n}`, kind: 'reset_request', email, body: { email, language: 'fr' }, canaries: [email] }),
  );
  for (let n = 0; n < options.events; n++) items.push(eventItem(run, n));
  return shuffle(items);
}

/** An audit event made unique by its detail, so the portal's rows tell whether it came twice. */
export const eventItem = (run: string, n: number): Planned => ({
  ref: `e${n}`,
  kind: 'event',
  body: {
    at: new Date().toISOString(),
    source: 'journey',
    event: 'registration',
    outcome: 'queued',
    detail: `f${run}e${n}`,
  },
  canaries: [],
});

export async function seedResetAccounts(portal: RunningPortal, people: SignatoryRow[], run: string): Promise<string[]> {
  const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'Borne de préparation');
  const enrol = await fetch(`${portal.url}/v1/kiosks/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrolmentCode }),
  });
  const { credential } = ((await enrol.json()) as { value: { credential: string } }).value;
  const emails: string[] = [];
  for (let n = 0; n < people.length; n += 8) {
    await Promise.all(
      people.slice(n, n + 8).map(async (s, i) => {
        const email = `canari.${run}.p${n + i}@exemple.invalid`;
        const r = await fetch(`${portal.url}/v1/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
          body: JSON.stringify({
            identity: {
              accountNumber: s.accountNumber,
              lastName: s.lastName,
              firstName: s.firstName,
              dateOfBirth: s.dateOfBirth,
            },
            email,
            password: 'Graine-Preparee-42!',
            acceptedTermsVersion: '2025-01',
          }),
        });
        if (r.status !== 201) throw new Error(`seed registration refused: ${r.status}`);
        emails.push(email);
      }),
    );
  }
  return emails;
}
