import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../../src/main/host/electron-binary';
import { tempDir } from '../helpers/kiosk';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

const project = (files: Record<string, string>) => {
  dir = tempDir('electron-bin-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir.path, path, '..'), { recursive: true });
    writeFileSync(join(dir.path, path), content);
  }
  return dir.path;
};

describe('electronBinaryPath', () => {
  it('finds the binary named by path.txt under dist', () => {
    const root = project({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    chmodSync(join(root, 'node_modules/electron/dist/electron'), 0o755);
    expect(electronBinaryPath(root, {})).toBe(join(root, 'node_modules/electron/dist/electron'));
  });

  it('is null when the download never happened (no path.txt) or dist is missing', () => {
    expect(electronBinaryPath(project({ 'node_modules/electron/package.json': '{}' }), {})).toBeNull();
    expect(electronBinaryPath(project({ 'node_modules/electron/path.txt': 'electron' }), {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, only when the binary is there', () => {
    const root = project({ 'elsewhere/electron': '' });
    expect(electronBinaryPath(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'elsewhere') })).toBe(
      join(root, 'elsewhere/electron'),
    );
    expect(electronBinaryPath(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'missing') })).toBeNull();
  });
});
