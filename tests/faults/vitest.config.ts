import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: the full fault-injection run, on its own (minutes, not in CI's run). */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
