import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountNumberSchema,
  checkDateOfBirth,
  dateOfBirthFromParts,
  normalizeAccountNumber,
} from '../../../src/shared/rules';

describe('normalizeAccountNumber', () => {
  it('adds the fixed 02 prefix to 11 digits and accepts the full 13', () => {
    expect(normalizeAccountNumber('12345678901')).toBe('0212345678901');
    expect(normalizeAccountNumber('0212345678901')).toBe('0212345678901');
    expect(normalizeAccountNumber(' 02 123 456 789 01 ')).toBe('0212345678901');
    expect(normalizeAccountNumber('123\u00A0456\u202F78901')).toBe('0212345678901');
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      '1234567890',
      '123456789012',
      '0312345678901',
      '02123456789012',
      '0212345678a01',
      '١٢٣٤٥٦٧٨٩٠١',
    ])
      expect(normalizeAccountNumber(bad)).toBeNull();
  });
  it('always yields 02 + 11 digits, accepted by the wire schema (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', ' '), maxLength: 20 }), (s) => {
        const n = normalizeAccountNumber(s);
        if (n !== null) {
          expect(n).toMatch(/^02\d{11}$/);
          expect(accountNumberSchema.safeParse(n).success).toBe(true);
          expect(n.endsWith(s.replace(/\s/g, '').slice(-11))).toBe(true);
        }
      }),
    );
  });
});

describe('checkDateOfBirth', () => {
  const today = '2025-06-15';
  it('accepts real past dates within 120 years', () => {
    expect(checkDateOfBirth('1980-02-29', today)).toBeNull();
    expect(checkDateOfBirth('2025-06-15', today)).toBeNull();
    expect(checkDateOfBirth('1905-06-15', today)).toBeNull();
  });
  it('refuses impossible, future and too old dates', () => {
    expect(checkDateOfBirth('1981-02-29', today)).toBe('invalid_date');
    expect(checkDateOfBirth('1980-04-31', today)).toBe('invalid_date');
    expect(checkDateOfBirth('1980-13-01', today)).toBe('invalid_date');
    expect(checkDateOfBirth('15/06/1980', today)).toBe('invalid_date');
    expect(checkDateOfBirth('2025-06-16', today)).toBe('in_future');
    expect(checkDateOfBirth('1905-06-14', today)).toBe('too_old');
  });
  it('agrees with the calendar (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1906, max: 2024 }),
        (day, month, year) => {
          const iso = dateOfBirthFromParts({ day, month, year });
          const d = new Date(Date.UTC(year, month - 1, day));
          const real = d.getUTCDate() === day;
          expect(iso !== null).toBe(real);
          if (iso) expect(checkDateOfBirth(iso, today)).toBeNull();
        },
      ),
    );
  });
});
