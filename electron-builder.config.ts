// Installers (`npm run dist`): Windows NSIS for all users, Linux AppImage and deb.
// Checked against electron-builder's own schema in tests/unit/ship/installers.test.ts.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext, Configuration } from 'electron-builder';

/**
 * Electron's fuses, burnt into the packaged binary (issue #10 item 5): no Node mode, no
 * NODE_OPTIONS, no --inspect, encrypted cookies, and the app only from its ASAR, checked against
 * the integrity hash electron-builder embeds (Windows and macOS; Electron does not check it on Linux).
 */
export const KIOSK_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
} as const satisfies FuseV1Config;

/** Where electron-builder put the app's executable (the same rule as its own fuse step). */
export function packagedBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux')
    return join(appOutDir, (packager as { executableName?: string }).executableName!);
  throw new Error(`no kiosk installer for ${electronPlatformName}`);
}

/** Runs before signing, so the signature covers the flipped fuses. */
export async function afterPack(context: AfterPackContext): Promise<void> {
  await flipFuses(packagedBinary(context), KIOSK_FUSES);
}

const config: Configuration = {
  appId: 'fr.bailleur-social.mon-espace-locataire.borne',
  productName: 'Borne Mon espace locataire',
  executableName: 'borne-mon-espace-locataire',
  copyright: 'Mon espace locataire',
  directories: { output: 'dist', buildResources: 'resources/packaging' },
  // The built app only: main, preload and renderer from electron-vite; dependencies come from package.json.
  // Not the web shell's code cache (src/main/web-shell/core-boot.ts), if a run from this checkout left one.
  files: ['out/**/*', '!out/main/v8-cache{,/**}', 'package.json'],
  // Found beside app.asar at run time (src/main/host/paths.ts, packagedResourcesDir).
  extraResources: [
    { from: 'resources/migrations', to: 'migrations' },
    { from: 'resources/terms', to: 'terms' },
  ],
  asar: true,
  // electron-builder embeds the ASAR hash the EnableEmbeddedAsarIntegrityValidation fuse checks.
  disableAsarIntegrity: false,
  // Native modules (libSQL, argon2) ship N-API prebuilt binaries: nothing to rebuild for Electron.
  npmRebuild: false,
  afterPack,
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icons/icon.ico',
  },
  nsis: {
    artifactName: '${name}-Setup-${version}.${ext}',
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    runAfterFinish: false,
    installerIcon: 'resources/icons/icon.ico',
    uninstallerIcon: 'resources/icons/icon.ico',
    // The kiosk's data (database, key, logs) stays on uninstall: docs/kiosk-station.md says how to wipe it.
    deleteAppDataOnUninstall: false,
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'resources/icons/png',
    category: 'Office',
    maintainer: 'Mon espace locataire <borne@mon-espace-locataire.invalid>',
    synopsis: 'Touchscreen kiosk for the « Mon espace locataire » tenant portal',
  },
  appImage: { artifactName: '${name}-${version}.${ext}' },
  // Updates: a folder on a plain web server (the portal can serve it); docs/kiosk-station.md.
  publish: [{ provider: 'generic', url: 'https://updates.invalid/borne/' }],
};

export default config;
