import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalConfigSchema } from '../../../src/portal/config';
import { THROTTLES, throttleLabel, type ThrottleName } from '../../../src/portal/throttles';

const names = Object.keys(THROTTLES) as ThrottleName[];

describe('the throttles table (src/portal/throttles.ts)', () => {
  it('is where the configuration takes its default budgets from', () => {
    const { limits } = portalConfigSchema.parse({ dataDir: '/tmp/x' });
    for (const name of names) {
      const { budget } = THROTTLES[name];
      if (typeof budget !== 'string' && name in limits) expect(limits[name as keyof typeof limits]).toEqual(budget);
    }
  });

  it('gives each throttle its own stored label, a {kind} filled in only where it has one', () => {
    const labels = names.map((name) => THROTTLES[name].key);
    expect(new Set(labels).size).toBe(labels.length);
    expect(throttleLabel('loginPerEmail')).toBe('login:email');
    expect(throttleLabel('codePerAddress', 'reset')).toBe('reset:code');
    expect(() => throttleLabel('codePerAddress')).toThrow();
    expect(() => throttleLabel('loginPerEmail', 'reset')).toThrow();
  });

  it('is what docs/portal.md lists, one row per throttle', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/portal.md'), 'utf8');
    for (const name of names) {
      const row = doc.split('\n').find((line) => line.trim().startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').map((cell) => cell.trim());
      expect(cells.slice(2, 4), name).toEqual([THROTTLES[name].counts, THROTTLES[name].per]);
      expect(cells[5], name).toBe(THROTTLES[name].then);
    }
  });
});
