import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Which canaries (strings of delivered payloads) can still be read in any byte of any file under
 * `dir` — the database, its WAL and shared memory, the logs. Answers `file: canary` pairs.
 */
export function findCanaries(dir: string, canaries: readonly string[]): string[] {
  const hits: string[] = [];
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const entry of files) {
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    for (const canary of canaries)
      if (bytes.includes(Buffer.from(canary, 'utf8')) || bytes.includes(Buffer.from(canary, 'utf16le')))
        hits.push(`${relative(dir, path)}: ${canary}`);
  }
  return hits;
}
