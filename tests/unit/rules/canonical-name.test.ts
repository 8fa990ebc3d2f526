import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalName, compareNames, personNameSchema } from '../../../src/shared/rules';

describe('canonicalName', () => {
  it.each([
    ['Jean-Pierre', 'JEANPIERRE'],
    ['JEAN PIERRE', 'JEANPIERRE'],
    ['jean pierre', 'JEANPIERRE'],
    ['Hélène', 'HELENE'],
    ["D'Alembert", 'DALEMBERT'],
    ['D\u2019Alembert', 'DALEMBERT'],
    ['Le\u00A0Goff', 'LEGOFF'],
    ['Le\u202FGoff', 'LEGOFF'],
    ['Saint\u2010Exupéry', 'SAINTEXUPERY'],
    ['Saint\u2011Exupéry', 'SAINTEXUPERY'],
    ['Saint\u2013Exupéry', 'SAINTEXUPERY'],
    ['Saint\u2015Exupéry', 'SAINTEXUPERY'],
    ['François', 'FRANCOIS'],
    ['Zoë', 'ZOE'],
    ['E\u0301lodie', 'ELODIE'],
  ])('%s → %s', (input, expected) => expect(canonicalName(input)).toBe(expected));

  it('keeps letters that are different letters apart', () => {
    expect(canonicalName('Martin')).not.toBe(canonicalName('Martine'));
    expect(canonicalName('Dupont')).not.toBe(canonicalName('Dupond'));
  });

  const separator = fc.constantFrom(' ', '-', "'", '\u2019', '\u2010', '\u2012', '\u2014', '\u00A0', '\u202F', '');
  const letters = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèêàçïôÉ'),
    minLength: 1,
    maxLength: 12,
  });

  it('is idempotent and ignores case and separators (property)', () => {
    fc.assert(
      fc.property(
        fc.array(letters, { minLength: 1, maxLength: 4 }),
        fc.array(separator, { maxLength: 4 }),
        (parts, seps) => {
          const a = parts.join('-');
          const b = parts.map((p, i) => p.toUpperCase() + (seps[i] ?? ' ')).join('');
          expect(canonicalName(a)).toBe(canonicalName(b));
          expect(canonicalName(canonicalName(a))).toBe(canonicalName(a));
          expect(canonicalName(a)).toMatch(/^[A-Z]+$/);
        },
      ),
    );
  });

  it('never throws and never leaves a separator (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(canonicalName(s)).not.toMatch(/[\s\-'\u2019\u2010-\u2015\u00A0\u202F]/u);
      }),
    );
  });
});

describe('compareNames', () => {
  const lease = { lastName: 'De La Fontaine', firstName: 'Jean-Pierre' };
  it('matches the same person however the names are written', () => {
    expect(compareNames({ lastName: 'de la fontaine', firstName: 'JEAN PIERRE' }, lease)).toBe('match');
    expect(compareNames({ lastName: 'DELAFONTAINE', firstName: 'jeanpierre' }, lease)).toBe('match');
  });
  it('hints at a swap but never matches it', () => {
    expect(compareNames({ lastName: 'Jean-Pierre', firstName: 'De La Fontaine' }, lease)).toBe('swapped');
  });
  it('refuses another person', () => {
    expect(compareNames({ lastName: 'De La Fontaine', firstName: 'Jeanne' }, lease)).toBe('none');
  });
});

describe('personNameSchema', () => {
  it('accepts real names and refuses junk', () => {
    for (const ok of ["N'Diaye", 'Lefèvre-Dubois', 'Ibn Al-Rachid', 'St. Martin', 'Ørsted', 'Nguyễn'])
      expect(personNameSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', '   ', '--', 'Robert); DROP TABLE', '😀', 'a'.repeat(101), 'Jean2'])
      expect(personNameSchema.safeParse(bad).success).toBe(false);
  });
});
