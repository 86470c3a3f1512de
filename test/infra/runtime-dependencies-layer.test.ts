import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PIPELINE_ARCHITECTURE } from '../../infra/aws/lambda-platform.js';
import { NODE_MODULES_DIR, projectPath } from '../../infra/aws/project-paths.js';
import { layerPackagesOf, pipelineArchitecture } from '../../infra/aws/runtime-dependencies-layer.js';
import { DUCKDB_BINDINGS, LAYER_PROVIDED_MODULES, layerPackagesFor, type LambdaArchitecture, type LayerPackage } from '../../infra/aws/runtime-layer-packages.js';
import { MAX_LAYER_BYTES, stageRuntimeDependencies } from '../../infra/aws/stage-runtime-dependencies.js';

const temporaryDirs: string[] = [];
const makeTemporaryDir = (prefix: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const writeFile = (filePath: string, content: string): void => {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, content);
};

/** A node_modules with one package holding a runtime file, a type declaration and a source map. */
const fakeNodeModules = (): { nodeModulesDir: string; packages: LayerPackage[] } => {
  const nodeModulesDir = makeTemporaryDir('fake-node-modules-');
  writeFile(path.join(nodeModulesDir, 'tiny', 'package.json'), '{"main":"index.js"}');
  writeFile(path.join(nodeModulesDir, 'tiny', 'index.js'), 'module.exports = 42;');
  writeFile(path.join(nodeModulesDir, 'tiny', 'index.d.ts'), 'export {};');
  writeFile(path.join(nodeModulesDir, 'tiny', 'index.js.map'), '{}');
  return { nodeModulesDir, packages: [{ name: 'tiny', keep: (relativePath) => !relativePath.endsWith('.map') }] };
};

describe('staging the runtime-dependencies layer', () => {
  it('copies the selected files into nodejs/node_modules', () => {
    const { nodeModulesDir, packages } = fakeNodeModules();
    const stagingRoot = makeTemporaryDir('staging-');

    const staged = stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages });

    const packageDir = path.join(staged.layerDir, 'nodejs', 'node_modules', 'tiny');
    expect(fs.readdirSync(packageDir).sort()).toEqual(['index.d.ts', 'index.js', 'package.json']);
    expect(staged).toMatchObject({ fileCount: 3, reused: false });
  });

  it('reuses an up-to-date staging and restages when a source file changes', () => {
    const { nodeModulesDir, packages } = fakeNodeModules();
    const stagingRoot = makeTemporaryDir('staging-');
    const first = stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages });

    const second = stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages });
    fs.writeFileSync(path.join(nodeModulesDir, 'tiny', 'index.js'), 'module.exports = 4242;');
    const third = stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages });

    expect(second).toMatchObject({ reused: true, fingerprint: first.fingerprint });
    expect(third.reused).toBe(false);
    expect(third.fingerprint).not.toBe(first.fingerprint);
  });

  it('refuses a layer over its size budget', () => {
    const { nodeModulesDir, packages } = fakeNodeModules();
    const stagingRoot = makeTemporaryDir('staging-');

    const stageTooMuch = () => stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages, maxBytes: 10 });

    expect(stageTooMuch).toThrow(/over the 10 byte budget/);
  });

  it('names a layer package that is not installed', () => {
    const { nodeModulesDir } = fakeNodeModules();
    const stagingRoot = makeTemporaryDir('staging-');
    const packages = [{ name: 'not-installed', keep: () => true }];

    const stageMissing = () => stageRuntimeDependencies({ nodeModulesDir, stagingRoot, packages });

    expect(stageMissing).toThrow(/not-installed is not installed/);
  });
});

/** The ELF machine of a shared object (e_machine, little-endian at byte 18): what CPU it runs on. */
const elfMachineOf = (file: string): string => {
  const header = fs.readFileSync(file).subarray(0, 20);
  if (header.toString('latin1', 0, 4) !== '\x7fELF') return 'not ELF';
  return ({ 0x3e: 'x86_64', 0xb7: 'arm64' } as Record<number, string>)[header.readUInt16LE(18)] ?? `machine ${header.readUInt16LE(18)}`;
};
const versionOf = (packageDir: string): string => (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

describe('the runtime-dependencies layer of the deployed functions', () => {
  const architecture = pipelineArchitecture();
  // DuckDB's binding for the functions' architecture: npm's own when it matches this machine, else fetched at the locked version.
  const staged = stageRuntimeDependencies({ nodeModulesDir: NODE_MODULES_DIR, stagingRoot: makeTemporaryDir('deployed-layer-'), packages: layerPackagesOf(architecture) });
  const layerNodeModules = path.join(staged.layerDir, 'nodejs', 'node_modules');

  it("is built for the functions' architecture: arm64, DuckDB's native binding compiled for it at the version node-bindings loads", () => {
    const binding = path.join(layerNodeModules, ...DUCKDB_BINDINGS[architecture].split('/'));

    expect(PIPELINE_ARCHITECTURE.name).toBe('arm64');
    expect(elfMachineOf(path.join(binding, 'duckdb.node'))).toBe('arm64');
    expect(elfMachineOf(path.join(binding, 'libduckdb.so'))).toBe('arm64');
    expect(versionOf(binding)).toBe(versionOf(path.join(layerNodeModules, '@duckdb', 'node-bindings')));
    expect(fs.existsSync(path.join(layerNodeModules, ...DUCKDB_BINDINGS.x86_64.split('/')))).toBe(false);
  });

  it('stays within the size budget and ships no type declarations or source maps', () => {
    const stagedFiles = fs.readdirSync(layerNodeModules, { recursive: true }).map(String);

    expect(staged.totalBytes).toBeLessThan(MAX_LAYER_BYTES);
    expect(stagedFiles.filter((file) => /\.(d\.ts|map)$/.test(file))).toEqual([]);
    expect(stagedFiles).toEqual(
      expect.arrayContaining([
        path.join(...DUCKDB_BINDINGS[architecture].split('/'), 'libduckdb.so'),
        path.join('@tensorflow', 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm.wasm'),
      ]),
    );
  });
});

describe("the runtime-dependencies layer for this machine's architecture", () => {
  const architecture: LambdaArchitecture = process.arch === 'arm64' ? 'arm64' : 'x86_64';
  const staged = stageRuntimeDependencies({
    nodeModulesDir: NODE_MODULES_DIR,
    stagingRoot: makeTemporaryDir('runtime-layer-'),
    packages: layerPackagesOf(architecture),
  });
  const layerNodeModules = path.join(staged.layerDir, 'nodejs', 'node_modules');

  it('contains every DuckDB and TensorFlow.js package the project depends on', () => {
    const manifest = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const layerProvided = (name: string) =>
      LAYER_PROVIDED_MODULES.some((pattern) => name.startsWith(pattern.replace('*', '')));

    const needed = Object.keys(manifest.dependencies).filter(layerProvided);

    expect(needed.length).toBeGreaterThan(0);
    for (const layerArchitecture of ['x86_64', 'arm64'] as const) {
      expect(layerPackagesFor(layerArchitecture).map((layerPackage) => layerPackage.name)).toEqual(expect.arrayContaining(needed));
    }
  });

  it('lets an ES module run DuckDB and TensorFlow.js on the wasm backend with nothing but the layer', () => {
    // Placed beside the layer's node_modules, as a function's modules resolve against /opt/nodejs/node_modules.
    const probePath = path.join(staged.layerDir, 'nodejs', 'probe.mjs');
    fs.writeFileSync(
      probePath,
      `import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DuckDBInstance } from '@duckdb/node-api';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
await tf.setBackend('wasm');
await tf.ready();
const sum = tf.tensor([1, 2, 3]).sum().dataSync()[0];
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const [row] = (await connection.runAndReadAll('select 21 * 2 as answer')).getRowObjectsJS();
console.log(JSON.stringify({ backend: tf.getBackend(), sum, answer: row.answer }));
`,
    );

    const output = execFileSync(process.execPath, [probePath], {
      cwd: staged.layerDir,
      env: { PATH: process.env.PATH, NODE_PATH: layerNodeModules },
      encoding: 'utf8',
    });

    expect(JSON.parse(output)).toEqual({ backend: 'wasm', sum: 6, answer: 42 });
  });
});
