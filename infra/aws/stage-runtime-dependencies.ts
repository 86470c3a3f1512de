import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LayerPackage, PackageManifest } from './runtime-layer-packages.js';

/** Lambda allows 250 MB unzipped for code plus layers; keep room for the function bundles. */
export const MAX_LAYER_BYTES = 200 * 1024 * 1024;

export interface StageRuntimeDependenciesOptions {
  nodeModulesDir: string;
  /** Holds the layer folder (`layer/nodejs/node_modules/...`) and the fingerprint of what it was staged from. */
  stagingRoot: string;
  packages: readonly LayerPackage[];
  maxBytes?: number;
}

export interface StagedRuntimeDependencies {
  /** The folder to hand to `Code.fromAsset`: it contains `nodejs/node_modules`. */
  layerDir: string;
  /** Changes whenever a selected source file's path, size or mtime changes; usable as a custom asset hash. */
  fingerprint: string;
  totalBytes: number;
  fileCount: number;
  /** True when the previous staging was still up to date and nothing was copied. */
  reused: boolean;
}

interface SelectedFile {
  source: string;
  /** Path inside node_modules, e.g. `@duckdb/node-api/lib/index.js`. */
  modulePath: string;
  bytes: number;
  mtimeMs: number;
}

const listFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(entryPath);
    return entry.isFile() ? [entryPath] : [];
  });

const selectPackageFiles = (nodeModulesDir: string, layerPackage: LayerPackage): SelectedFile[] => {
  const from = layerPackage.nodeModulesDir ?? nodeModulesDir;
  const packageDir = path.join(from, layerPackage.name);
  const manifestPath = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`Layer package ${layerPackage.name} is not installed in ${from}; run npm ci first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as PackageManifest;
  return listFiles(packageDir)
    .map((source) => ({ source, relativePath: path.relative(packageDir, source).split(path.sep).join('/') }))
    .filter(({ relativePath }) => layerPackage.keep(relativePath, manifest))
    .map(({ source, relativePath }) => {
      const stats = fs.statSync(source);
      return { source, modulePath: `${layerPackage.name}/${relativePath}`, bytes: stats.size, mtimeMs: stats.mtimeMs };
    });
};

const fingerprintOf = (files: readonly SelectedFile[]): string => {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.modulePath}\0${file.bytes}\0${file.mtimeMs}\n`);
  return hash.digest('hex');
};

const readStamp = (stampPath: string): string | undefined =>
  fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8').trim() : undefined;

/**
 * Copies the selected files of the layer packages from the local node_modules into
 * `<stagingRoot>/layer/nodejs/node_modules`, the layout Lambda expects of a Node.js layer.
 * Skips the copy when the staging already matches the sources, so repeated synths stay fast.
 */
export const stageRuntimeDependencies = (options: StageRuntimeDependenciesOptions): StagedRuntimeDependencies => {
  const files = options.packages
    .flatMap((layerPackage) => selectPackageFiles(options.nodeModulesDir, layerPackage))
    .sort((a, b) => a.modulePath.localeCompare(b.modulePath));
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const maxBytes = options.maxBytes ?? MAX_LAYER_BYTES;
  if (totalBytes > maxBytes) {
    throw new Error(`Runtime dependencies layer would be ${totalBytes} bytes unzipped, over the ${maxBytes} byte budget.`);
  }

  const fingerprint = fingerprintOf(files);
  const layerDir = path.join(options.stagingRoot, 'layer');
  const stampPath = path.join(options.stagingRoot, 'fingerprint');
  const summary = { layerDir, fingerprint, totalBytes, fileCount: files.length };
  if (readStamp(stampPath) === fingerprint && fs.existsSync(layerDir)) return { ...summary, reused: true };

  fs.rmSync(options.stagingRoot, { recursive: true, force: true });
  const nodeModulesTarget = path.join(layerDir, 'nodejs', 'node_modules');
  for (const file of files) {
    const target = path.join(nodeModulesTarget, ...file.modulePath.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file.source, target);
  }
  // Written last, so an interrupted copy is redone on the next synth.
  fs.writeFileSync(stampPath, `${fingerprint}\n`);
  return { ...summary, reused: false };
};
