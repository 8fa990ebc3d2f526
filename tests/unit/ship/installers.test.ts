import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Fuses from '@electron/fuses';
// electron-builder's own loader and schema validator (app-builder-lib/scheme.json), as the CLI uses them.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The real @electron/fuses, recorded: its logic runs on a file shaped like Electron's fuse wire.
vi.mock('@electron/fuses', async (importOriginal) => {
  const real = await importOriginal<typeof Fuses>();
  return { ...real, flipFuses: vi.fn(real.flipFuses) };
});
const { flipFuses, getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
const { afterPack, KIOSK_FUSES } = await import('../../../electron-builder.config');

const root = join(import.meta.dirname, '../../..');
const debug = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
const loaded = (await getConfig(root, join(root, 'electron-builder.config.ts'), null)) as Configuration &
  Record<string, unknown>;
const work = mkdtempSync(join(tmpdir(), 'fuses-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(loaded, debug)).resolves.toBeUndefined();
  });

  it('fails on a typo, so CI catches one', async () => {
    const nsis = { ...(loaded.nsis as object), perMachin: true };
    await expect(validateConfiguration({ ...loaded, nsis } as Configuration, debug)).rejects.toThrow(
      /configuration\.nsis/,
    );
    await expect(validateConfiguration({ ...loaded, extraResource: [] } as Configuration, debug)).rejects.toThrow(
      /extraResource/,
    );
  });

  it('builds per-machine NSIS, AppImage and deb, with ASAR integrity and the shipped resources', () => {
    expect(loaded).toMatchObject({
      appId: 'fr.bailleur-social.mon-espace-locataire.borne',
      asar: true,
      disableAsarIntegrity: false,
      nsis: { perMachine: true, oneClick: false },
      extraResources: [
        { from: 'resources/migrations', to: 'migrations' },
        { from: 'resources/terms', to: 'terms' },
      ],
    });
    const targets = (key: 'win' | 'linux') =>
      ((loaded[key] as { target: { target: string }[] }).target ?? []).map((t) => t.target);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });
});

/** A file with Electron's fuse wire as shipped (sentinel, version 1, 8 fuses at their defaults). */
function fakeElectron(file: string): void {
  const wire = Buffer.from('10110001', 'ascii'); // RunAsNode, cookies off, NODE_OPTIONS, inspect, …
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(64, 7),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, 8]),
      wire,
      Buffer.alloc(64, 7),
    ]),
  );
}

/** The fuse states as Electron stores them: '0' off, '1' on, in FuseV1Options order. */
async function wireOf(binary: string): Promise<string> {
  const wire = await getCurrentFuseWire(binary);
  return [0, 1, 2, 3, 4, 5, 6, 7].map((fuse) => String.fromCharCode((wire as Record<number, number>)[fuse]!)).join('');
}

describe('fuses', () => {
  it('is exactly the set of issue #10', () => {
    expect(KIOSK_FUSES).toStrictEqual({
      version: '1',
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it.each([
    ['linux', 'borne-mon-espace-locataire'],
    ['win32', 'borne-mon-espace-locataire.exe'],
  ])('afterPack flips them in the packaged %s binary', async (platform, name) => {
    const appOutDir = mkdtempSync(join(work, `${platform}-`));
    const binary = join(appOutDir, name);
    fakeElectron(binary);
    const before = readFileSync(binary);
    const context = {
      appOutDir,
      electronPlatformName: platform,
      packager: {
        appInfo: { productFilename: 'borne-mon-espace-locataire' },
        executableName: 'borne-mon-espace-locataire',
      },
    } as never;
    await afterPack(context);
    expect(flipFuses).toHaveBeenLastCalledWith(binary, KIOSK_FUSES);
    expect(await wireOf(binary)).toBe('01001101');
    expect(readFileSync(binary).length).toBe(before.length);
    // The hook the CLI loads from the configuration file does the same.
    fakeElectron(binary);
    await (loaded.afterPack as typeof afterPack)(context);
    expect(await wireOf(binary)).toBe('01001101');
  });
});
