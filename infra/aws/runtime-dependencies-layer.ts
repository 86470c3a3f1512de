import { AssetHashType } from 'aws-cdk-lib';
import { Code, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PIPELINE_ARCHITECTURE, PIPELINE_RUNTIME } from './lambda-platform.js';
import { NODE_MODULES_DIR, RUNTIME_LAYER_STAGING_ROOT } from './project-paths.js';
import { LAYER_PACKAGES } from './runtime-layer-packages.js';
import { stageRuntimeDependencies } from './stage-runtime-dependencies.js';

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
    packages: LAYER_PACKAGES,
  });
  // The fingerprint already identifies the content, which spares CDK re-hashing ~80 MB on every synth.
  return Code.fromAsset(staged.layerDir, { assetHashType: AssetHashType.CUSTOM, assetHash: staged.fingerprint });
};
