import { AssetHashType } from 'aws-cdk-lib';
import { Code, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PIPELINE_ARCHITECTURE, PIPELINE_RUNTIME } from './lambda-platform.js';
import { platformPackageModulesDir, type PlatformPackageOptions } from './platform-package.js';
import { NODE_MODULES_DIR, projectPath, RUNTIME_LAYER_STAGING_ROOT } from './project-paths.js';
import { DUCKDB_BINDINGS, layerPackagesFor, type LambdaArchitecture, type LayerPackage } from './runtime-layer-packages.js';
import { stageRuntimeDependencies } from './stage-runtime-dependencies.js';

/** Where bindings for another platform than this machine's are unpacked (git-ignored, gone with a clean install). */
const PLATFORM_PACKAGES: Omit<PlatformPackageOptions, 'pack'> = {
  nodeModulesDir: NODE_MODULES_DIR,
  lockFile: projectPath('package-lock.json'),
  cacheRoot: projectPath('node_modules', '.cache', 'predictive-segments', 'platform-packages'),
};

/**
 * The layer's packages for functions of `architecture`: from the project's node_modules, but for
 * DuckDB's binding, which npm installs only for this machine's platform; another platform's is
 * fetched at the locked version (platform-package.ts).
 */
export function layerPackagesOf(architecture: LambdaArchitecture, options: PlatformPackageOptions = PLATFORM_PACKAGES): LayerPackage[] {
  return layerPackagesFor(architecture).map((layerPackage) =>
    layerPackage.name === DUCKDB_BINDINGS[architecture] ? { ...layerPackage, nodeModulesDir: platformPackageModulesDir(layerPackage.name, options) } : layerPackage,
  );
}

/** The functions' architecture as the layer packages name it. */
export const pipelineArchitecture = (): LambdaArchitecture => (PIPELINE_ARCHITECTURE.name === 'arm64' ? 'arm64' : 'x86_64');

export interface RuntimeDependenciesLayerProps {
  /** Defaults to the layer staged from the local node_modules; tests pass a tiny asset instead. */
  readonly code?: Code;
}

/** DuckDB's native binding and TensorFlow.js with its wasm backend, which esbuild cannot bundle. */
export class RuntimeDependenciesLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string, props: RuntimeDependenciesLayerProps = {}) {
    super(scope, id);
    this.layer = new LayerVersion(this, 'Layer', {
      code: props.code ?? stageLayerFromLocalNodeModules(),
      compatibleRuntimes: [PIPELINE_RUNTIME],
      compatibleArchitectures: [PIPELINE_ARCHITECTURE],
      description: 'DuckDB native bindings and TensorFlow.js (cpu and wasm backends) for the pipeline functions',
    });
  }
}

const stageLayerFromLocalNodeModules = (): Code => {
  const staged = stageRuntimeDependencies({
    nodeModulesDir: NODE_MODULES_DIR,
    stagingRoot: RUNTIME_LAYER_STAGING_ROOT,
    packages: layerPackagesOf(pipelineArchitecture()),
  });
  // The fingerprint already identifies the content, which spares CDK re-hashing ~80 MB on every synth.
  return Code.fromAsset(staged.layerDir, { assetHashType: AssetHashType.CUSTOM, assetHash: staged.fingerprint });
};
