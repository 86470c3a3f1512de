/**
 * What goes into the runtime-dependencies layer: packages with native or wasm
 * files that esbuild must not bundle, plus everything they require at run time.
 */

/** Module patterns esbuild leaves as imports; the layer provides them under /opt/nodejs/node_modules. */
export const LAYER_PROVIDED_MODULES = ['@duckdb/*', '@tensorflow/*'] as const;

export interface PackageManifest {
  main?: string;
}

/** Decides, per file path relative to the package folder, whether the layer keeps it. */
export type FileSelector = (relativePath: string, manifest: PackageManifest) => boolean;

export interface LayerPackage {
  name: string;
  keep: FileSelector;
  /** The node_modules folder it is taken from, when not the project's (a binding for another platform, platform-package.ts). */
  nodeModulesDir?: string;
}

const isLicense = (relativePath: string): boolean => /^(licen[cs]e|notice)(\.[a-z]+)?$/i.test(relativePath);
const isBuildOrDocNoise = (relativePath: string): boolean => /(\.d\.[cm]?ts|\.map|\.md|\.ts)$/i.test(relativePath);

/** The whole package minus type declarations, source maps and docs. */
const wholePackage: FileSelector = (relativePath) => isLicense(relativePath) || !isBuildOrDocNoise(relativePath);

const normaliseEntry = (entry: string): string => entry.replace(/^\.\//, '');

/**
 * Node's CommonJS entry point only. Node resolves these packages through `main`
 * (none of them declares `exports`), so the many other builds in `dist/`
 * (browser, ES module trees, minified bundles) are never loaded on Lambda.
 */
const nodeEntryPoint: FileSelector = (relativePath, manifest) =>
  relativePath === 'package.json' ||
  isLicense(relativePath) ||
  (manifest.main !== undefined && relativePath === normaliseEntry(manifest.main));

/** The wasm backend reads its .wasm binaries from its own dist folder at run time. */
const nodeEntryPointAndWasm: FileSelector = (relativePath, manifest) =>
  nodeEntryPoint(relativePath, manifest) || /^dist\/[^/]+\.wasm$/.test(relativePath);

/** Lambda's architectures, by the names CDK's `Architecture` gives them. */
export type LambdaArchitecture = 'x86_64' | 'arm64';

/** DuckDB's native binding for Lambda's Linux (glibc) on each architecture; @duckdb/node-bindings loads the one of process.arch. */
export const DUCKDB_BINDINGS: Readonly<Record<LambdaArchitecture, string>> = {
  x86_64: '@duckdb/node-bindings-linux-x64',
  arm64: '@duckdb/node-bindings-linux-arm64',
};

/** The layer's packages for functions of this architecture: the same JavaScript and wasm, DuckDB's binding for it. */
export const layerPackagesFor = (architecture: LambdaArchitecture): readonly LayerPackage[] => [
  { name: '@duckdb/node-api', keep: wholePackage },
  { name: '@duckdb/node-bindings', keep: wholePackage },
  { name: DUCKDB_BINDINGS[architecture], keep: wholePackage },
  { name: 'detect-libc', keep: wholePackage },
  // @tensorflow/tfjs's Node entry requires every sub-package below, webgl and data included.
  { name: '@tensorflow/tfjs', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-core', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-layers', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-converter', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-data', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-backend-cpu', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-backend-webgl', keep: nodeEntryPoint },
  { name: '@tensorflow/tfjs-backend-wasm', keep: nodeEntryPointAndWasm },
  { name: 'long', keep: wholePackage },
  { name: 'seedrandom', keep: wholePackage },
  { name: 'node-fetch', keep: wholePackage },
  { name: 'whatwg-url', keep: wholePackage },
  { name: 'tr46', keep: wholePackage },
  { name: 'webidl-conversions', keep: wholePackage },
];
