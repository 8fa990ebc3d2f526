import { readFileSync } from 'node:fs';
import { ConfigError } from '../shared/config-layers';

/** Where a secret may come from a file instead (systemd LoadCredential=, container secrets, a 0600 file). */
const SECRET_FILES = [
  { file: ['adminTokenFile'], value: ['adminToken'] },
  { file: ['smtp', 'passwordFile'], value: ['smtp', 'password'] },
] as const;

type Raw = Record<string, unknown>;
const parentOf = (raw: Raw, path: readonly string[]): Raw | null => {
  let node: unknown = raw;
  for (const key of path.slice(0, -1)) node = (node as Raw | null)?.[key] ?? null;
  return node !== null && typeof node === 'object' ? (node as Raw) : null;
};

/**
 * Replaces each `…File` setting by the file's text (one trailing line break dropped), so the secret
 * never sits in the configuration file or the environment. Giving both forms is an error.
 */
export function readSecretFiles<T extends object>(config: T): T {
  const raw = structuredClone(config) as Raw;
  for (const { file, value } of SECRET_FILES) {
    const parent = parentOf(raw, file);
    const path = parent?.[file.at(-1)!];
    if (!parent || typeof path !== 'string') continue;
    const key = file.join('.');
    if (parent[value.at(-1)!] != null) throw new ConfigError(`give ${value.join('.')} or ${key}, not both`, key);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError(`secret file not readable at "${key}": ${path}`, key);
    }
    parent[value.at(-1)!] = text.replace(/\r?\n$/, '');
    parent[file.at(-1)!] = null;
  }
  return raw as T;
}
