import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * The one platform the pipeline functions and their dependency layer are built for.
 * The layer ships DuckDB's linux-x64 native binding, so changing the architecture
 * also means changing the binding package in runtime-layer-packages.ts.
 */
export const PIPELINE_RUNTIME = Runtime.NODEJS_22_X;
export const PIPELINE_ARCHITECTURE = Architecture.X86_64;
export const ESBUILD_TARGET = 'node22';
