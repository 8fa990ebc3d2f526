import { describe, expect, it } from 'vitest';
import { DEGRADED_AFTER_MS, linkState } from '../../../src/main/core/portal-status';

const now = new Date('2026-11-30T10:00:00.000Z');
const waitingSince = (ms: number) => ({
  byKind: { register: { pending: 1, inFlight: 0, refused: 0 } },
  oldestPendingAt: new Date(now.getTime() - ms).toISOString(),
  refusedCodes: {},
});

describe('the status indicator: online, degraded, offline', () => {
  it('is online while nothing waits, or only rows just queued', () => {
    expect(linkState('online', { byKind: {}, oldestPendingAt: null, refusedCodes: {} }, now)).toBe('online');
    expect(linkState('online', waitingSince(DEGRADED_AFTER_MS - 1), now)).toBe('online');
  });

  it('is degraded when the portal answers but a row has waited longer than a delivery takes', () => {
    expect(linkState('online', waitingSince(DEGRADED_AFTER_MS + 1), now)).toBe('degraded');
  });

  it('says offline (or not configured) whatever waits', () => {
    expect(linkState('offline', waitingSince(0), now)).toBe('offline');
    expect(linkState('not_configured', null, now)).toBe('not_configured');
  });
});
