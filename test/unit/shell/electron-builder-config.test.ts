import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { repoRoot } from './built-app.ts';

const config = YAML.parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'));
const targets = (platform: 'mac' | 'win' | 'linux'): string[] =>
  (config[platform].target as (string | { target: string })[]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(join(repoRoot, file));
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is valid for the electron-builder we depend on (its own schema and checks)', async () => {
    // app-builder-lib is electron-builder's own package; its validator is what `electron-builder` runs first.
    const req = createRequire(join(repoRoot, 'node_modules', 'electron-builder', 'package.json'));
    const { validateConfiguration } = req('app-builder-lib/out/util/config/config.js');
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, mac: { ...config.mac, notAnOption: true } },
        { isEnabled: false, add() {} },
      ),
    ).rejects.toThrow(/configuration object that does not match the API schema/);
  }, 30_000);

  it('names the app and ships the built bundles, package.json and the icons', () => {
    expect(config.appId).toBe('com.clawster.desktop');
    expect(config.productName).toBe('Clawster');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/icons/*.png']));
  });

  it('unpacks the native modules from asar and rebuilds them for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@napi-rs/keyring*/**']),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('builds dmg and zip for macOS with the hardened runtime and its entitlements', () => {
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = readFileSync(join(repoRoot, config.mac.entitlements), 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(plist).not.toContain('disable-library-validation');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('builds an NSIS installer for Windows, and AppImage and deb for Linux with a category', () => {
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
  });

  it('never forces an update: no publish feed', () => {
    expect(config.publish).toBe(null);
  });

  it('turns off the Electron fuses an attacker could use', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at an app icon large enough for every platform (at least 512 px square)', () => {
    for (const platform of ['mac', 'win', 'linux'] as const) {
      const size = pngSize(config[platform].icon);
      expect(size.width).toBe(size.height);
      expect(size.width).toBeGreaterThanOrEqual(512);
    }
  });
});
