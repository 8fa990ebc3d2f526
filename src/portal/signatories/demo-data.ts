import type { SignatoryRow } from './store';

/**
 * A deterministic, obviously fictional tenant directory for the demo, the tests and the benchmarks:
 * plausible French names with hyphens, apostrophes, accents and particles; co-signatories; ended
 * leases. Account numbers start "02 999" — a range no real rent notice uses.
 */
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Girard',
  'Bonnet',
  'Mercier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Boyer',
  'Chevalier',
  'Garnier',
  'Perrin',
  'Dumont',
  'Lemaître',
  'Gauthier',
  'De La Fontaine',
  'Du Pré',
  'Le Goff',
  'Le Brun',
  'De Saint-Just',
  "D'Almeida",
  "N'Diaye",
  "L'Hôte",
  "D'Arc",
  'Saint-Exupéry',
  'Martin-Dupont',
  'Lévy-Bruhl',
  'Ben Saïd',
  'Nguyễn',
  'Da Silva',
  'Dos Santos',
  'Özdemir',
  'Benoît',
  'Chrétien',
  'Aubépine',
  'Pérignon',
  'Sénéchal',
  'Valéry',
  'Cœur',
  'Des Essarts',
  'Van der Berg',
  'El Amrani',
  "O'Neill",
  'Jourdain',
  'Fabre-Domergue',
];
const FIRST_NAMES = [
  'Jean-Pierre',
  'Marie-Hélène',
  'Hélène',
  'Zoé',
  'Anaïs',
  'François',
  'Noël',
  'Chloé',
  'Jérôme',
  'Cécile',
  'Léa',
  'Mathéo',
  'Inès',
  'Loïc',
  'Gaëlle',
  'Aurélien',
  'Camille',
  'Éloïse',
  'Joël',
  'Maëlys',
  'Jean',
  'Marie',
  'Pierre',
  'Sophie',
  'Nicolas',
  'Isabelle',
  'Thomas',
  'Nathalie',
  'Karim',
  'Fatou',
  'Anne-Sophie',
  'Jean-Baptiste',
  'Paul-Émile',
  'Marie-José',
  'Yasmine',
  'Mehmet',
  'João',
  'Agnès',
  'Bérénice',
  'Théo',
];
export const DEMO_AGENCIES = ['CLERMONT', 'VICHY', 'MONTLUCON', 'AURILLAC', 'THIERS'] as const;

/** mulberry32: a tiny seeded generator, enough for reproducible fictional data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The demo directory: `tenants` signatory rows, always the same for the same arguments. */
export function demoSignatories(tenants: number, seed = 20250101): SignatoryRow[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const rows: SignatoryRow[] = [];
  let lease = 0;
  while (rows.length < tenants) {
    lease += 1;
    const accountNumber = `02999${pad(lease, 8)}`;
    const leaseId = `BAIL-${pad(lease, 7)}`;
    const agencyCode = DEMO_AGENCIES[(lease - 1) % DEMO_AGENCIES.length]!;
    // Lease 3 of every 25 is over; about one lease in three has a co-signatory.
    const leaseStatus = lease % 25 === 3 ? 'ended' : 'current';
    const lastName = pick(LAST_NAMES);
    const count = Math.min(tenants - rows.length, rand() < 0.35 ? 2 : 1);
    for (let i = 0; i < count; i++) {
      const year = 1940 + Math.floor(rand() * 66);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      rows.push({
        accountNumber,
        leaseId,
        agencyCode,
        lastName: i === 1 && rand() < 0.3 ? pick(LAST_NAMES) : lastName,
        firstName: pick(FIRST_NAMES),
        dateOfBirth: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
        leaseStatus,
      });
    }
  }
  return rows;
}

export function toCsv(rows: readonly SignatoryRow[]): string {
  const header = 'account_number;lease_id;agency_code;last_name;first_name;date_of_birth;lease_status';
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return (
    [
      header,
      ...rows.map((r) =>
        [r.accountNumber, r.leaseId, r.agencyCode, r.lastName, r.firstName, r.dateOfBirth, r.leaseStatus]
          .map(quote)
          .join(';'),
      ),
    ].join('\n') + '\n'
  );
}
