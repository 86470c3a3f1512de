import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let ready: Promise<BackendName> | undefined;

/**
 * Picks the fastest TensorFlow.js backend that loads here: native libtensorflow when the
 * optional @tensorflow/tfjs-node is installed, else WebAssembly, else plain JavaScript.
 */
export function initTensorflow(preferred = process.env.SEGMENTS_TF_BACKEND): Promise<BackendName> {
  ready ??= selectBackend(preferred as BackendName | undefined);
  return ready;
}

async function selectBackend(preferred?: BackendName): Promise<BackendName> {
  const order: BackendName[] = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (await tryBackend(name)) return name;
  }
  throw new Error(`No TensorFlow.js backend could be initialised (tried ${order.join(', ')}).`);
}

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      const optionalNative = '@tensorflow/tfjs-node';
      await import(/* @vite-ignore */ optionalNative);
    }
    if (name === 'wasm') setWasmPaths(wasmDirectory());
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** In a Lambda bundle the wasm binaries sit in the layer's node_modules, as they do locally. */
function wasmDirectory(): string {
  const require = createRequire(import.meta.url);
  return `${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}
