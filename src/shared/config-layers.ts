import type { z } from 'zod';

/** Sets one configuration value from one environment variable's text. */
export type EnvSetter = (value: string, raw: Record<string, unknown>) => void;

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The configuration key (or variable) at fault, so the message can name it. */
    readonly key: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Digits become a number; anything else stays text for the schema to refuse by name. */
export const asNumber = (v: string): unknown => (/^-?\d+$/.test(v.trim()) ? Number(v) : v);

/** Anything but a clear yes or no stays a string, so the schema reports it. */
export const asBoolean = (v: string): unknown => {
  const t = v.trim().toLowerCase();
  return ['true', '1', 'on', 'yes'].includes(t) ? true : ['false', '0', 'off', 'no'].includes(t) ? false : v;
};

/** Checks a configuration object; the first bad value is reported by its key, in one line. */
export function parseConfig<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.join('.') || '(root)';
  throw new ConfigError(`invalid configuration at "${key}": ${issue.message}`, key);
}

export interface ConfigLayers<S extends z.ZodType> {
  schema: S;
  /** The JSON file, if one is named: its text, or null when it could not be read. */
  file?: { name: string; text: string | null; variable: string };
  env: Record<string, string | undefined>;
  envSetters: Record<string, EnvSetter>;
  /** Command-line values: they win over the file and the environment. */
  overrides?: Record<string, unknown>;
  defaults?: Record<string, unknown>;
}

/**
 * One configuration from its layers — a JSON file, then environment variables (an empty one counts
 * as unset), then explicit overrides — checked by the schema. Shared by the kiosk and the portal.
 */
export function layerConfig<S extends z.ZodType>(layers: ConfigLayers<S>): z.output<S> {
  let raw: Record<string, unknown> = {};
  const { file } = layers;
  if (file) {
    if (file.text === null) throw new ConfigError(`configuration file not readable: ${file.name}`, file.variable);
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.text);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ConfigError(`configuration file is not a JSON object: ${file.name}`, file.variable);
    raw = parsed as Record<string, unknown>;
  }
  for (const [name, set] of Object.entries(layers.envSetters)) {
    const value = layers.env[name];
    if (value !== undefined && value !== '') set(value, raw);
  }
  Object.assign(raw, layers.overrides ?? {});
  for (const [key, value] of Object.entries(layers.defaults ?? {})) raw[key] ??= value;
  return parseConfig(layers.schema, raw);
}
