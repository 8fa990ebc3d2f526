import { describe, expect, it } from 'vitest';
import { fail } from '../../src/shared/result';
import { logUnreachable } from '../../src/main/core/flows/common/checks';
import type { PortalCallError } from '../../src/main/core/portal-client/client';
import { memoryLogger } from '../unit/helpers/kiosk';

describe('issue #10 item 8: the logs keep error codes and hide typed codes', () => {
  it('the « portal call failed » line names the cause for staff', () => {
    const { logger, lines } = memoryLogger();
    const error = { code: 'network_error', status: 0 } as unknown as PortalCallError;
    logUnreachable(logger, 'identityCheck', error, fail('portal_unreachable'));
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'portal call failed',
      call: 'identityCheck',
      code: 'network_error',
      status: 0,
    });
  });

  it('still censors codes a person typed or was sent, and every other personal key', () => {
    const { logger, lines } = memoryLogger();
    const typed = ['482913', 'Kf3_x9QmZ2', 'abc123', 'ABCD-EFGH', `${'a'.repeat(60)}`, 'Code_Secret'];
    for (const code of typed) logger.warn({ step: 'activation', code, body: { nested: { code } } }, 'refused');
    logger.warn({ email: 'camille.fictive@example.org', token: 'abc', accountNumber: '0212345678901' }, 'x');
    for (const line of lines.slice(0, typed.length))
      expect(JSON.parse(line)).toMatchObject({ code: '[redacted]', body: { nested: { code: '[redacted]' } } });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      email: '[redacted]',
      token: '[redacted]',
      accountNumber: '[redacted]',
    });
  });
});
