import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * The one platform the pipeline functions and their dependency layer are built for. arm64
 * (Graviton) bills 20% less per GB-second than x86_64; the functions' only native code is
 * DuckDB's binding, which the layer carries for this architecture (runtime-layer-packages.ts,
 * fetched at the locked version when the machine that synthesizes is another one); TensorFlow.js
 * runs on its wasm backend and everything else is bundled JavaScript.
 */
export const PIPELINE_RUNTIME = Runtime.NODEJS_22_X;
export const PIPELINE_ARCHITECTURE = Architecture.ARM_64;
export const ESBUILD_TARGET = 'node22';
