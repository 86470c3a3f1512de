import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A package built for a platform other than this machine's (DuckDB's linux-arm64 binding when
 * synthesizing on x86, or the other way round), which npm does not install here: npm skips an
 * optional dependency whose `cpu` does not match. It is fetched with `npm pack` (npm's own cache
 * and registry settings) at the version and integrity package-lock.json pins, checked against
 * that integrity, and unpacked into a cache folder laid out as a node_modules.
 */
export class PlatformPackageError extends Error {
  override readonly name = 'PlatformPackageError';
}

export interface PlatformPackageOptions {
  /** The project's node_modules: where the package is taken from when npm installed it (same platform). */
  nodeModulesDir: string;
  lockFile: string;
  /** Holds `<name>@<version>/node_modules/<name>` for each package fetched. */
  cacheRoot: string;
  /** Writes the package's tarball into `destination` and returns its path; default `npm pack`. */
  pack?: (spec: string, destination: string) => string;
}

interface LockedPackage {
  version: string;
  integrity: string;
}

/** The node_modules folder that holds `name` at the locked version: the project's, or the fetched copy's. */
export function platformPackageModulesDir(name: string, options: PlatformPackageOptions): string {
  const locked = lockedPackage(name, options.lockFile);
  if (installedVersion(options.nodeModulesDir, name) === locked.version) return options.nodeModulesDir;

  const modulesDir = path.join(options.cacheRoot, `${name.replace('/', '+')}@${locked.version}`, 'node_modules');
  const packageDir = path.join(modulesDir, name);
  const stamp = path.join(options.cacheRoot, `${name.replace('/', '+')}@${locked.version}`, 'integrity');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === locked.integrity && installedVersion(modulesDir, name) === locked.version) return modulesDir;

  const work = fs.mkdtempSync(path.join(ensureDir(options.cacheRoot), '.fetch-'));
  try {
    const tarball = (options.pack ?? npmPack)(`${name}@${locked.version}`, work);
    const integrity = integrityOf(fs.readFileSync(tarball), locked.integrity);
    if (integrity !== locked.integrity) {
      throw new PlatformPackageError(`${name}@${locked.version} fetched by npm has integrity ${integrity}, not the ${locked.integrity} package-lock.json pins; refusing to ship it.`);
    }
    const unpacked = path.join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked], { stdio: 'pipe' });
    if (installedVersion(path.join(unpacked), 'package') !== locked.version) {
      throw new PlatformPackageError(`The tarball of ${name}@${locked.version} holds no package/package.json of that version.`);
    }
    fs.rmSync(path.dirname(stamp), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(packageDir), { recursive: true });
    fs.renameSync(path.join(unpacked, 'package'), packageDir);
    // Written last: an interrupted fetch is done again.
    fs.writeFileSync(stamp, `${locked.integrity}\n`);
    return modulesDir;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function lockedPackage(name: string, lockFile: string): LockedPackage {
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { packages?: Record<string, Partial<LockedPackage>> };
  const entry = lock.packages?.[`node_modules/${name}`];
  if (!entry?.version || !entry.integrity) {
    throw new PlatformPackageError(`${name} has no version and integrity in ${lockFile}; add the package that depends on it and run npm install.`);
  }
  return { version: entry.version, integrity: entry.integrity };
}

function installedVersion(modulesDir: string, name: string): string | undefined {
  const manifest = path.join(modulesDir, name, 'package.json');
  return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version : undefined;
}

/** The tarball's digest in the Subresource Integrity form of the locked one (`sha512-<base64>`). */
function integrityOf(tarball: Buffer, locked: string): string {
  const algorithm = locked.split('-')[0] ?? 'sha512';
  return `${algorithm}-${createHash(algorithm).update(tarball).digest('base64')}`;
}

const ensureDir = (dir: string): string => {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

/** npm pack of a registry spec: from npm's cache when it has the tarball, else from the registry. */
function npmPack(spec: string, destination: string): string {
  let output: string;
  try {
    output = execFileSync('npm', ['pack', spec, '--pack-destination', destination, '--json', '--prefer-offline', '--ignore-scripts'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  } catch (error) {
    throw new PlatformPackageError(`npm pack ${spec} failed: the layer needs this package for the functions' architecture (network or npm's cache).`, { cause: error });
  }
  const [packed] = JSON.parse(output) as { filename: string }[];
  if (!packed) throw new PlatformPackageError(`npm pack ${spec} reported no tarball.`);
  return path.join(destination, packed.filename);
}
