import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailKey,
  emailSchema,
  failedPasswordRules,
  isCommonPassword,
  normalizeEmail,
  suggestEmailDomain,
} from '../../../src/shared/rules';

describe('password policy', () => {
  it('names each failed rule', () => {
    expect(failedPasswordRules('Kx7!vq2#Lm')).toEqual([]);
    expect(failedPasswordRules('Kx7!vq')).toEqual(['min_length']);
    expect(failedPasswordRules('kx7!vq2#lm')).toEqual(['upper']);
    expect(failedPasswordRules('KX7!VQ2#LM')).toEqual(['lower']);
    expect(failedPasswordRules('Kxz!vqr#Lm')).toEqual(['digit']);
    expect(failedPasswordRules('Kx7zvq2yLm')).toEqual(['special']);
    expect(failedPasswordRules('Kx7!' + 'a'.repeat(125))).toEqual(['max_length']);
    expect(failedPasswordRules('')).toEqual(['min_length', 'lower', 'upper', 'digit', 'special']);
  });
  it('refuses common passwords dressed up for the policy', () => {
    for (const p of [
      'Azerty123!',
      'Motdepasse1!',
      'M0tdepasse!',
      'P@ssw0rd1',
      'Soleil2024!',
      '!Marseille13',
      'Azertyazerty1!',
    ])
      expect(failedPasswordRules(p), p).toEqual(['not_common']);
    expect(isCommonPassword('123456789')).toBe(true);
    expect(isCommonPassword('Tournesol-Vert-42')).toBe(false);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(failedPasswordRules('Ab1!😀😀😀😀')).toEqual([]);
  });
  it('accepts any password with the four classes and enough length unless common (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'bcdfghjkmnpqrstvwxz'), minLength: 5, maxLength: 100 }), (s) => {
        const failed = failedPasswordRules(`Q${s}7%`);
        expect(failed.filter((r) => r !== 'not_common')).toEqual([]);
      }),
    );
  });
});

describe('email', () => {
  it('normalises the domain and keys case-insensitively', () => {
    expect(normalizeEmail('  Marie.Test@Exemple.FR ')).toBe('Marie.Test@exemple.fr');
    expect(emailKey('Marie.Test@Exemple.FR')).toBe('marie.test@exemple.fr');
    expect(emailSchema.safeParse('pas-une-adresse').success).toBe(false);
    expect(emailSchema.safeParse('a@b.fr').success).toBe(true);
  });
  it('suggests common French domains for typos', () => {
    expect(suggestEmailDomain('x@gmial.com')).toBe('gmail.com');
    expect(suggestEmailDomain('x@orange.fe')).toBe('orange.fr');
    expect(suggestEmailDomain('x@wanado.fr')).toBe('wanadoo.fr');
    expect(suggestEmailDomain('x@gmail.com')).toBeNull();
    expect(suggestEmailDomain('x@exemple.org')).toBeNull();
  });
});
