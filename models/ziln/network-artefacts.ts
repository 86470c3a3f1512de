import * as tf from '@tensorflow/tfjs';
import { initTensorflow } from './tensorflow-backend.js';

/** A trained network as two files: `model.json` (topology + weights manifest) and `weights.bin`. */
export interface SerializedNetwork {
  modelJson: string;
  weights: Uint8Array;
}

export async function serializeNetwork(model: tf.LayersModel): Promise<SerializedNetwork> {
  let captured: SerializedNetwork | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const buffer = Array.isArray(weightData) ? tf.io.concatenateArrayBuffers(weightData) : weightData;
      captured = {
        modelJson: JSON.stringify({
          format: 'layers-model',
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        }),
        weights: new Uint8Array(buffer ?? new ArrayBuffer(0)),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('TensorFlow.js did not hand over the model artefacts.');
  return captured;
}

export async function deserializeNetwork(serialized: SerializedNetwork): Promise<tf.LayersModel> {
  await initTensorflow();
  const parsed = JSON.parse(serialized.modelJson) as {
    modelTopology: tf.io.ModelArtifacts['modelTopology'];
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weights = serialized.weights;
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: parsed.modelTopology,
      weightSpecs: parsed.weightsManifest.flatMap((m) => m.weights),
      weightData,
    }),
  );
}
