import { describe, expect, it } from 'vitest';
import { scrubText } from '../../../src/main/core/logger';
import { memoryLogger } from '../helpers/kiosk';

describe('logger', () => {
  it('censors personal keys at any depth', () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        email: 'camille.fictive@example.org',
        body: { lastName: 'Dupont-Exemple', dateOfBirth: '1970-01-01', nested: { password: 'Secret!123' } },
        call: 'register',
      },
      'step done',
    );
    const line = lines.join('\n');
    expect(line).not.toMatch(/camille|Dupont|1970-01-01|Secret!123/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ call: 'register', email: '[redacted]', msg: 'step done' });
  });

  it('scrubs emails, account numbers, codes and tokens inside free text', () => {
    const { logger, lines } = memoryLogger();
    logger.warn(
      'failed for camille@example.org account 02 1234 5678 901 code 123456 token abcdefghijklmnopqrstuvwxyz0123456789',
    );
    // Only the message: the record's timestamp is digits too and may hold any of them by chance.
    const { msg } = JSON.parse(lines[0]!) as { msg: string };
    expect(msg).toContain('failed for');
    expect(msg).not.toMatch(/camille|5678|123456|abcdefghij/);
    expect(scrubText('account 0212345678901')).toBe('account [account]');
  });

  it('keeps only the type of an error, since messages can quote input', () => {
    const { logger, lines } = memoryLogger();
    logger.error({ err: new RangeError('bad value jean@example.org') }, 'oops');
    expect(JSON.parse(lines[0]!).err).toEqual({ type: 'RangeError' });
  });
});
