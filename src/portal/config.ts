import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { asBoolean, asNumber, ConfigError, layerConfig, parseConfig, type EnvSetter } from '../shared/config-layers';
import { readSecretFiles } from './config-secrets';
import { THROTTLES } from './throttles';

const seconds = (def: number, max = 366 * 86_400) => z.number().int().min(1).max(max).default(def);
/** A configurable throttle (throttles.ts): its default budget comes from the table there. */
const limit = (name: keyof typeof THROTTLES) => {
  const { maxFailures, windowSeconds, blockSeconds } = THROTTLES[name].budget as {
    maxFailures: number;
    windowSeconds: number;
    blockSeconds: number;
  };
  return z
    .strictObject({
      maxFailures: z.number().int().min(1).max(10_000).default(maxFailures),
      windowSeconds: seconds(windowSeconds),
      blockSeconds: seconds(blockSeconds),
    })
    .prefault({});
};

/** The portal's configuration: a JSON file, then environment variables, then command-line values. */
export const portalConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  /** Any libSQL URL: `file:` (default, in dataDir), `libsql:`, `http(s):`, `ws(s):`. */
  databaseUrl: z
    .string()
    .regex(/^(file|libsql|https?|wss?):/, 'a libSQL URL (file:, libsql:, http(s):, ws(s):)')
    .nullable()
    .default(null),
  databaseAuthToken: z.string().min(1).nullable().default(null),
  databaseEncryptionKey: z.string().min(16).nullable().default(null),
  /** A file holding the encryption key (a secret mounted from a file); used when no key is given. */
  databaseKeyFile: z.string().min(1).nullable().default(null),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(5190),
  /** Base of links in emails; default: the address the server listens on. */
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  /** SMTP relay; null = demo mail: an in-process receiver and /dev/mailbox on loopback. */
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65_535).default(587),
      secure: z.boolean().default(false),
      user: z.string().nullable().default(null),
      password: z.string().nullable().default(null),
      /** false only for a relay on loopback without TLS (a test mail catcher). */
      requireTls: z.boolean().default(true),
      /** The password read from this file instead (config-secrets.ts). */
      passwordFile: z.string().min(1).nullable().default(null),
    })
    .nullable()
    .default(null),
  /** Where the activation and reset pages send people to log in (the landlord's web portal). */
  loginUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  mailFrom: z.string().min(3).default('Mon espace locataire <noreply@portail-demo.invalid>'),
  /** Bearer token for /v1/admin/*; null leaves those routes closed (use `npm run portal:admin`). */
  adminToken: z.string().min(24).nullable().default(null),
  /** The admin token read from this file instead (config-secrets.ts). */
  adminTokenFile: z.string().min(1).nullable().default(null),
  termsVersion: z.string().min(1).max(32).default('2025-01'),
  /** A folder served at /updates/ for the kiosks' updater (latest.yml and installers); null: none. */
  updatesDir: z.string().min(1).nullable().default(null),
  bodyLimitBytes: z.number().int().min(1024).max(1_048_576).default(16_384),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
  argon2: z
    .strictObject({
      memoryCost: z.number().int().min(8).default(19_456),
      timeCost: z.number().int().min(1).default(2),
      parallelism: z.number().int().min(1).default(1),
    })
    .prefault({}),
  limits: z
    .strictObject({
      // The throttles: what each counts and its default budget are in throttles.ts.
      identityPerAccount: limit('identityPerAccount'),
      identityPerKiosk: limit('identityPerKiosk'),
      loginPerEmail: limit('loginPerEmail'),
      loginPerKiosk: limit('loginPerKiosk'),
      /** Wrong 6-digit codes per address (any address, with an account or not) until a new email. */
      codeAttempts: z.number().int().min(1).max(20).default(5),
      codePerKiosk: limit('codePerKiosk'),
      resendCooldownSeconds: seconds(60),
      resendDailyCap: z.number().int().min(1).max(100).default(5),
      /** Activation resends one kiosk may ask for (any addresses): a stolen credential cannot mail-bomb. */
      resendPerKiosk: limit('resendPerKiosk'),
      /** « Pourquoi ? » answers per kiosk (issue #12): a cap on top of the identity budgets each answer spends. */
      whyPerKiosk: limit('whyPerKiosk'),
      /** How long a refused assisted attempt may be asked about. */
      whyRefSeconds: seconds(15 * 60, 3600),
      /** Emails telling why a queued registration was refused: per address typed, per kiosk. */
      outcomeMailPerAddress: limit('outcomeMailPerAddress'),
      outcomeMailPerKiosk: limit('outcomeMailPerKiosk'),
    })
    .prefault({}),
  lifetimes: z
    .strictObject({
      activationLinkSeconds: seconds(7 * 86_400),
      activationCodeSeconds: seconds(30 * 60),
      resetLinkSeconds: seconds(3600),
      resetCodeSeconds: seconds(15 * 60),
      sessionIdleSeconds: seconds(15 * 60),
      sessionAbsoluteSeconds: seconds(8 * 3600),
      enrolmentCodeSeconds: seconds(7 * 86_400),
      idempotencySeconds: seconds(7 * 86_400),
      /**
       * How long a retired sealing key still opens bodies: longer than any kiosk is realistically
       * offline (a closed agency over the holidays, a broken line awaiting repair), so rows sealed
       * before a rotation are still delivered; after it they are refused `sealing_key_retired`.
       */
      sealingKeyGraceSeconds: seconds(30 * 86_400),
    })
    .prefault({}),
});
export type PortalConfig = z.output<typeof portalConfigSchema>;
export type PortalConfigInput = z.input<typeof portalConfigSchema>;

const smtp = (c: Record<string, unknown>) =>
  (c.smtp = { ...((c.smtp as object | null) ?? {}) }) as Record<string, unknown>;
const ENV: Record<string, EnvSetter> = {
  PORTAL_DATA_DIR: (v, c) => (c.dataDir = v),
  PORTAL_DATABASE_URL: (v, c) => (c.databaseUrl = v),
  PORTAL_DATABASE_AUTH_TOKEN: (v, c) => (c.databaseAuthToken = v),
  PORTAL_DATABASE_KEY: (v, c) => (c.databaseEncryptionKey = v),
  PORTAL_DATABASE_KEY_FILE: (v, c) => (c.databaseKeyFile = v),
  PORTAL_HOST: (v, c) => (c.host = v),
  PORTAL_PORT: (v, c) => (c.port = asNumber(v)),
  PORTAL_PUBLIC_URL: (v, c) => (c.publicUrl = v),
  PORTAL_SMTP_HOST: (v, c) => (smtp(c).host = v),
  PORTAL_SMTP_PORT: (v, c) => (smtp(c).port = asNumber(v)),
  PORTAL_SMTP_SECURE: (v, c) => (smtp(c).secure = asBoolean(v)),
  PORTAL_SMTP_USER: (v, c) => (smtp(c).user = v),
  PORTAL_SMTP_PASSWORD: (v, c) => (smtp(c).password = v),
  PORTAL_SMTP_REQUIRE_TLS: (v, c) => (smtp(c).requireTls = asBoolean(v)),
  PORTAL_SMTP_PASSWORD_FILE: (v, c) => (smtp(c).passwordFile = v),
  PORTAL_LOGIN_URL: (v, c) => (c.loginUrl = v),
  PORTAL_MAIL_FROM: (v, c) => (c.mailFrom = v),
  PORTAL_ADMIN_TOKEN: (v, c) => (c.adminToken = v),
  PORTAL_ADMIN_TOKEN_FILE: (v, c) => (c.adminTokenFile = v),
  PORTAL_TERMS_VERSION: (v, c) => (c.termsVersion = v),
  PORTAL_UPDATES_DIR: (v, c) => (c.updatesDir = v),
  PORTAL_LOG_LEVEL: (v, c) => (c.logLevel = v),
};

/** The portal's configuration errors are the shared kind: one line naming the key. */
export { ConfigError as PortalConfigError };

/** Checks a configuration object; a bad value is reported by its key, in one line. */
export function parsePortalConfig(raw: Record<string, unknown>): PortalConfig {
  const config = parseConfig(portalConfigSchema, readSecretFiles(raw));
  return { ...config, dataDir: resolve(config.dataDir) };
}

export function loadPortalConfig(options: {
  file?: string;
  env?: NodeJS.ProcessEnv;
  overrides?: Record<string, unknown>;
  defaultDataDir: string;
}): PortalConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PORTAL_CONFIG;
  let text: string | null = null;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = null;
    }
  }
  const config = layerConfig({
    schema: portalConfigSchema,
    file: file ? { name: file, text, variable: 'PORTAL_CONFIG' } : undefined,
    env,
    envSetters: ENV,
    overrides: options.overrides,
    defaults: { dataDir: options.defaultDataDir },
  });
  // Checked again once the secret files are read (an admin token's length, for instance).
  return parsePortalConfig(config);
}

export const databaseUrlOf = (config: PortalConfig): string =>
  config.databaseUrl ?? `file:${join(config.dataDir, 'portal.db')}`;

/** The database key: the configured value, else the first line of `databaseKeyFile`, else none. */
export function databaseKeyOf(config: PortalConfig): string | null {
  if (config.databaseEncryptionKey) return config.databaseEncryptionKey;
  if (!config.databaseKeyFile) return null;
  const key = readFileSync(config.databaseKeyFile, 'utf8').trim();
  if (key.length < 16)
    throw new ConfigError('the key in databaseKeyFile is shorter than 16 characters', 'databaseKeyFile');
  return key;
}
