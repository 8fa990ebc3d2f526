import type { SignatoryRow } from '../signatories/store';

/**
 * The demo's ready-made account, so `npm start` can show the login right away (README). Fictional,
 * like the whole demo directory: the address is in a reserved domain (.invalid), and the password
 * is published on purpose. Only the embedded demo portal creates it (demo-account.ts).
 */
export const DEMO_LOGIN = {
  email: 'demo.locataire@exemple.invalid',
  password: 'Demo-Borne-2026!',
} as const;

/**
 * Whose account it is: the last signatory of a current lease in the demo directory — far from the
 * first ones, which the registration demo (README) and the tests pick by index.
 */
export function demoLoginSignatory(rows: readonly SignatoryRow[]): SignatoryRow | null {
  return rows.findLast((row) => row.leaseStatus === 'current') ?? null;
}
