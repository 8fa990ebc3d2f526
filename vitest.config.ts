import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['tests/unit/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // libSQL files and servers on loopback: keep parallelism within what 2 cores can carry.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/security/**/*.test.ts'],
          exclude: ['tests/unit/**/*.svelte.test.ts'],
        },
      },
      {
        // The renderer's rune classes (`*.svelte.ts`), compiled by Svelte with its browser runtime,
        // so $state and $derived react as on screen. Node packages stay out of this project.
        extends: true,
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'] },
      },
    ],
  },
});
