import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformPackageError, platformPackageModulesDir } from '../../infra/aws/platform-package.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const NAME = '@acme/binding-linux-arm64';

/** A registry tarball of the package (its files under `package/`), as npm pack writes one. */
function tarballOf(version: string, content: string): Buffer {
  const root = tempDir('tarball-');
  fs.mkdirSync(path.join(root, 'package'));
  fs.writeFileSync(path.join(root, 'package', 'package.json'), JSON.stringify({ name: NAME, version }));
  fs.writeFileSync(path.join(root, 'package', 'binding.node'), content);
  execFileSync('tar', ['-czf', path.join(root, 'out.tgz'), '-C', root, 'package']);
  return fs.readFileSync(path.join(root, 'out.tgz'));
}

const sri = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/** A project whose lock file pins the package at 1.2.3 with the given tarball's integrity, and a pack that serves `served`. */
function project(locked: Buffer | null, served: Buffer) {
  const root = tempDir('project-');
  const lockFile = path.join(root, 'package-lock.json');
  const packages = locked ? { [`node_modules/${NAME}`]: { version: '1.2.3', integrity: sri(locked), cpu: ['arm64'], optional: true } } : {};
  fs.writeFileSync(lockFile, JSON.stringify({ lockfileVersion: 3, packages }));
  const packs: string[] = [];
  const pack = (spec: string, destination: string) => {
    packs.push(spec);
    const file = path.join(destination, 'acme-binding-linux-arm64-1.2.3.tgz');
    fs.writeFileSync(file, served);
    return file;
  };
  return { options: { nodeModulesDir: path.join(root, 'node_modules'), lockFile, cacheRoot: path.join(root, 'cache'), pack }, packs, root };
}

describe("a package built for another platform than this machine's", () => {
  it('is fetched at the locked version, checked against the locked integrity, unpacked as a node_modules, and reused after', () => {
    const tarball = tarballOf('1.2.3', 'aarch64 code');
    const { options, packs } = project(tarball, tarball);

    const modulesDir = platformPackageModulesDir(NAME, options);
    const again = platformPackageModulesDir(NAME, options);

    expect(fs.readFileSync(path.join(modulesDir, NAME, 'binding.node'), 'utf8')).toBe('aarch64 code');
    expect(modulesDir.startsWith(options.cacheRoot)).toBe(true);
    expect(again).toBe(modulesDir);
    expect(packs).toEqual([`${NAME}@1.2.3`]);
  });

  it("is taken from the project's node_modules when npm installed it there at the locked version", () => {
    const tarball = tarballOf('1.2.3', 'aarch64 code');
    const { options, packs } = project(tarball, tarball);
    fs.mkdirSync(path.join(options.nodeModulesDir, NAME), { recursive: true });
    fs.writeFileSync(path.join(options.nodeModulesDir, NAME, 'package.json'), JSON.stringify({ name: NAME, version: '1.2.3' }));

    expect(platformPackageModulesDir(NAME, options)).toBe(options.nodeModulesDir);
    expect(packs).toEqual([]);
  });

  it('is refused when what npm fetched is not what the lock file pins, and nothing is kept', () => {
    const { options } = project(tarballOf('1.2.3', 'aarch64 code'), tarballOf('1.2.3', 'something else'));

    expect(() => platformPackageModulesDir(NAME, options)).toThrow(PlatformPackageError);
    expect(() => platformPackageModulesDir(NAME, options)).toThrow(/integrity .* not the sha512-.* package-lock.json pins/);
    expect(fs.readdirSync(options.cacheRoot)).toEqual([]);
  });

  it('names the package the lock file does not pin', () => {
    const tarball = tarballOf('1.2.3', 'aarch64 code');
    const { options, packs } = project(null, tarball);

    expect(() => platformPackageModulesDir(NAME, options)).toThrow(new RegExp(`${NAME} has no version and integrity in`));
    expect(packs).toEqual([]);
  });
});
