import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../shared/locale';

/** The kiosk's configuration: a JSON file, then environment variables over it. */
export const configSchema = z.strictObject({
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
      warnAfterSeconds: z.number().int().min(15).max(3600).default(90),
      countdownSeconds: z.number().int().min(5).max(300).default(30),
    })
    .prefault({}),
  /** Key of the encrypted database file. In Electron it comes from safeStorage instead. */
  databaseKey: z.string().min(16).nullable().default(null),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type KioskConfig = z.output<typeof configSchema>;

/** Environment variable → configuration key. Numbers are parsed; an empty value unsets. */
const ENV: Record<string, (v: string, c: Record<string, unknown>) => void> = {
  KIOSK_DATA_DIR: (v, c) => (c.dataDir = v),
  KIOSK_PORTAL_URL: (v, c) => (c.portalUrl = v),
  KIOSK_ID: (v, c) => (c.kioskId = v),
  KIOSK_LANGUAGE: (v, c) => (c.language = v),
  KIOSK_IDLE_WARN_SECONDS: (v, c) => (c.idle = { ...(c.idle as object), warnAfterSeconds: asNumber(v) }),
  KIOSK_IDLE_COUNTDOWN_SECONDS: (v, c) => (c.idle = { ...(c.idle as object), countdownSeconds: asNumber(v) }),
  KIOSK_DB_KEY: (v, c) => (c.databaseKey = v),
  KIOSK_LOG_LEVEL: (v, c) => (c.logLevel = v),
};
const asNumber = (v: string): unknown => (/^-?\d+$/.test(v.trim()) ? Number(v) : v);

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

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
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`configuration file not readable: ${file}`, 'KIOSK_CONFIG');
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      raw = parsed as Record<string, unknown>;
    } catch {
      throw new ConfigError(`configuration file is not a JSON object: ${file}`, 'KIOSK_CONFIG');
    }
  }
  for (const [name, apply] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined) {
      if (value === '') delete raw[name];
      else apply(value, raw);
    }
  }
  Object.assign(raw, options.overrides ?? {});
  raw.dataDir ??= options.defaultDataDir;
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    throw new ConfigError(`invalid configuration at "${key}": ${issue.message}`, key);
  }
  return { ...result.data, dataDir: resolve(result.data.dataDir) };
}

export const databasePath = (config: KioskConfig): string => join(config.dataDir, 'kiosk.db');
