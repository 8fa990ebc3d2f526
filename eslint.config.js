import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util'];
const ELECTRON = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main/electron, src/main/index.ts and src/preload may import electron.',
};

const NO_ELECTRON = { ...ELECTRON, message: 'The kiosk core, hosts, demo and portal run without Electron.' };
const NO_UI = { group: ['**/renderer/**', '**/preload/**'], message: 'Node code does not import UI code.' };
const PORTAL_MESSAGE = 'Only src/main/demo may import src/portal (the embedded demo portal).';
const NO_PORTAL = { group: ['**/portal/**', '**/portal'], message: PORTAL_MESSAGE };
/** The same for `await import(…)`, which no-restricted-imports does not see. */
const NO_PORTAL_LOADED = { selector: 'ImportExpression[source.value=/(^|\\/)portal(\\/|$)/]', message: PORTAL_MESSAGE };
const RENDERER = [
  { group: NODE_BUILTINS, message: 'The renderer has no Node.' },
  ELECTRON,
  {
    group: ['**/main/**', '**/preload/**', '**/portal/**'],
    message: 'The renderer imports only src/shared and itself.',
  },
];

/** Import boundaries: where a file lives says which runtime it may use. */
const boundaries = [
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'src/shared is pure TypeScript: no Node built-ins.' },
            ELECTRON,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/portal/**'],
              message: 'src/shared imports only itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/main/core/**/*.ts',
      'src/main/web-shell/**/*.ts',
      'src/main/launcher/**/*.ts',
      'src/main/host/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, NO_UI, NO_PORTAL] }],
      'no-restricted-syntax': ['error', NO_PORTAL_LOADED],
    },
  },
  {
    // Each flow stands alone: what two journeys share lives in flows/common, not in one of them,
    // and flows/common itself depends on no journey (`../registration/x`, `../../flows/login/x`).
    files: ['src/main/core/flows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_ELECTRON,
            NO_UI,
            NO_PORTAL,
            {
              regex: '(^\\.\\./|/flows/)(?!common/)[^./][^/]*/',
              message: 'A flow imports only flows/common and its own folder; flows/common imports no journey.',
            },
          ],
        },
      ],
    },
  },
  {
    // The embedded demo portal: src/main/demo is the one part of the kiosk that may load src/portal.
    files: ['src/main/demo/**/*.ts', 'src/portal/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, NO_UI] }] },
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_UI, NO_PORTAL] }],
      'no-restricted-syntax': ['error', NO_PORTAL_LOADED],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', { patterns: RENDERER }] },
  },
  // Journeys never import each other: what they share lives in lib/journey.
  ...['login', 'password-reset', 'registration', 'staff'].map((journey) => ({
    files: [`src/renderer/src/lib/${journey}/**/*.ts`, `src/renderer/src/lib/${journey}/**/*.svelte`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...RENDERER,
            {
              group: ['login', 'password-reset', 'registration', 'staff']
                .filter((other) => other !== journey)
                .map((other) => `../${other}/*`),
              message: 'A journey never imports another: shared pieces live in lib/journey.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/portal/**'],
              message: 'The preload imports only electron and src/shared.',
            },
          ],
        },
      ],
    },
  },
];

export default ts.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'src/renderer/src/lib/i18n/paraglide/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte', 'src/renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Benchmarks and CI scripts exist to print.
    files: ['bench/**/*.ts', '.ci/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries,
);
