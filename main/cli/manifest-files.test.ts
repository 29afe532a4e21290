import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readManifestFiles } from './manifest-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-mf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, text = `# ${path}\n`) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('readManifestFiles', () => {
  it('reads a folder recursively in sorted order, named relative to it, skipping other and hidden files', () => {
    for (const p of [
      'profiles/b.yml',
      'templates/z.yaml',
      'a.json',
      'README.md',
      '.hidden.yaml',
      '.git/x.yaml',
      'bots/p/c.YAML',
    ])
      put(p);
    const files = readManifestFiles([dir]);
    expect(files.map((f) => f.name)).toEqual([
      'a.json',
      'bots/p/c.YAML',
      'profiles/b.yml',
      'templates/z.yaml',
    ]);
    expect(files[3]?.text).toBe('# templates/z.yaml\n');
  });

  it('reads a single file by its own name, whatever its extension', () => {
    put('sub/one.txt', 'kind: Template\n');
    expect(readManifestFiles([join(dir, 'sub', 'one.txt')])).toEqual([
      { name: 'one.txt', text: 'kind: Template\n' },
    ]);
  });

  it('refuses a missing path and a folder without manifests, naming them', () => {
    expect(() => readManifestFiles([join(dir, 'nope')])).toThrow(
      `-f ${join(dir, 'nope')}: no such file or folder`,
    );
    put('notes.md');
    expect(() => readManifestFiles([dir])).toThrow('holds no *.yaml, *.yml or *.json files');
  });
});
