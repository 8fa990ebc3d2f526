import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { asBoolean, asNumber, ConfigError, layerConfig, type EnvSetter } from '../../shared/config-layers';
import { DEFAULT_IDLE } from '../../shared/idle';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../shared/locale';
import { STAFF_PIN_HASH_PATTERN } from './staff/pin-hash';
import { updatesConfigSchema } from './updates/config';

/** 127.0.0.0/8, ::1 and localhost: plain http never leaves the machine there. */
export const isLoopbackUrl = (url: string): boolean => {
  const host = URL.parse(url)?.hostname ?? '';
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
};
const INSECURE = 'plain http only to this machine (localhost); use https, or set allowInsecurePortal';

/** The kiosk's configuration: a JSON file, then environment variables over it. */
export const configSchema = z
  .strictObject({
    /** Where the kiosk keeps its database and state. */
    dataDir: z.string().min(1),
    /** The central portal API. Absent: the demo, with the embedded reference portal. */
    portalUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore; 64 at most')
      .default('borne-demo'),
    language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE),
    idle: z
      .strictObject({
        warnAfterSeconds: z.number().int().min(15).max(3600).default(DEFAULT_IDLE.warnAfterSeconds),
        countdownSeconds: z.number().int().min(5).max(300).default(DEFAULT_IDLE.countdownSeconds),
      })
      .prefault({}),
    /** One-time code from the portal's operator; traded at start for this kiosk's credential. */
    enrolmentCode: z.string().min(8).max(64).nullable().default(null),
    /** The image captcha of the forms; staff-attended kiosks may turn it off. */
    captcha: z.boolean().default(true),
    registration: z
      .strictObject({
        /** An untouched registration dies after this long (the visit's idle wipe usually comes first). */
        expireAfterSeconds: z.number().int().min(60).max(86_400).default(1200),
      })
      .prefault({}),
    passwordReset: z
      .strictObject({
        /** An untouched forgotten-password flow dies after this long (its email's code lives 15 minutes). */
        expireAfterSeconds: z.number().int().min(60).max(86_400).default(1200),
      })
      .prefault({}),
    staff: z
      .strictObject({
        /**
         * The staff PIN's scrypt hash, made by `npm run staff-pin`; never the PIN itself. Absent:
         * staff mode is off, except in the demo (embedded portal), which uses the README's demo PIN.
         */
        pinHash: z
          .string()
          .regex(STAFF_PIN_HASH_PATTERN, 'a hash made by `npm run staff-pin` (scrypt:…), not the PIN itself')
          .nullable()
          .default(null),
      })
      .prefault({}),
    /** Key of the encrypted database file. In Electron it comes from safeStorage instead. */
    databaseKey: z.string().min(16).nullable().default(null),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Plain http to a portal (or update server) on another machine: only on a closed test network. */
    allowInsecurePortal: z.boolean().default(false),
    updates: updatesConfigSchema,
  })
  // Credentials, identities and passwords cross this link: TLS unless told otherwise (issue #13).
  .superRefine((c, ctx) => {
    if (c.allowInsecurePortal) return;
    for (const [path, url] of [
      [['portalUrl'], c.portalUrl],
      [['updates', 'url'], c.updates.url],
    ] as const)
      if (url?.startsWith('http:') && !isLoopbackUrl(url))
        ctx.addIssue({ code: 'custom', path: [...path], message: INSECURE });
  });
export type KioskConfig = z.output<typeof configSchema>;

/** Environment variable → configuration key. Numbers are parsed; an empty variable counts as unset. */
const ENV: Record<string, EnvSetter> = {
  KIOSK_DATA_DIR: (v, c) => (c.dataDir = v),
  KIOSK_PORTAL_URL: (v, c) => (c.portalUrl = v),
  KIOSK_ID: (v, c) => (c.kioskId = v),
  KIOSK_LANGUAGE: (v, c) => (c.language = v),
  KIOSK_IDLE_WARN_SECONDS: (v, c) => (c.idle = { ...(c.idle as object), warnAfterSeconds: asNumber(v) }),
  KIOSK_IDLE_COUNTDOWN_SECONDS: (v, c) => (c.idle = { ...(c.idle as object), countdownSeconds: asNumber(v) }),
  KIOSK_DB_KEY: (v, c) => (c.databaseKey = v),
  KIOSK_ENROLMENT_CODE: (v, c) => (c.enrolmentCode = v),
  KIOSK_CAPTCHA: (v, c) => (c.captcha = asBoolean(v)),
  KIOSK_STAFF_PIN_HASH: (v, c) => (c.staff = { ...(c.staff as object), pinHash: v.trim() }),
  KIOSK_LOG_LEVEL: (v, c) => (c.logLevel = v),
  KIOSK_ALLOW_INSECURE_PORTAL: (v, c) => (c.allowInsecurePortal = asBoolean(v)),
  KIOSK_UPDATES_URL: (v, c) => (c.updates = { ...(c.updates as object), url: v }),
};

export { ConfigError };

export interface LoadConfigOptions {
  /** A JSON file; missing is fine when it is the default path. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Values given on the command line; they win over the file and the environment. */
  overrides?: Record<string, unknown>;
  defaultDataDir: string;
}

/** Loads and checks the configuration; a bad value is reported by its key, never with a stack. */
export function loadConfig(options: LoadConfigOptions): KioskConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.KIOSK_CONFIG;
  const config = layerConfig({
    schema: configSchema,
    file: file ? { name: file, text: readTextOrNull(file), variable: 'KIOSK_CONFIG' } : undefined,
    env,
    envSetters: ENV,
    overrides: options.overrides,
    defaults: { dataDir: options.defaultDataDir },
  });
  return { ...config, dataDir: resolve(config.dataDir) };
}

const readTextOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

export const databasePath = (config: KioskConfig): string => join(config.dataDir, 'kiosk.db');
