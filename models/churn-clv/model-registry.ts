import { deserializeNetwork, serializeNetwork } from './network-artefacts.js';
import type * as tf from '@tensorflow/tfjs';
import { CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';

/** Where model files are kept: an S3 prefix in AWS and locally, a folder in tests. */
export interface ArtefactStore {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
}

export interface LoadedModel {
  network: tf.LayersModel;
  metadata: ChurnClvModelMetadata;
}

export class ModelNotFoundError extends Error {
  override readonly name = 'ModelNotFoundError';
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * Versions live at `<prefix><model>/versions/<version>/{model.json,weights.bin,metadata.json}`;
 * `<prefix><model>/current.json` names the version in use. The pointer is written last, so a
 * reader never sees a half-written version.
 */
export class ModelRegistry {
  constructor(
    private readonly store: ArtefactStore,
    private readonly prefix = 'models/',
    private readonly model = CHURN_CLV_MODEL,
  ) {}

  versionPrefix(version: string): string {
    return `${this.prefix}${this.model}/versions/${version}/`;
  }

  async save(network: tf.LayersModel, metadata: ChurnClvModelMetadata): Promise<string> {
    const serialized = await serializeNetwork(network);
    const base = this.versionPrefix(metadata.version);
    await this.store.put(`${base}model.json`, serialized.modelJson, 'application/json');
    await this.store.put(`${base}weights.bin`, serialized.weights, 'application/octet-stream');
    await this.store.put(`${base}metadata.json`, JSON.stringify(metadata, null, 2), 'application/json');
    return base;
  }

  async promote(version: string, reason: string): Promise<void> {
    const pointer = { version, promotedAt: new Date().toISOString(), reason };
    await this.store.put(`${this.prefix}${this.model}/current.json`, JSON.stringify(pointer, null, 2), 'application/json');
  }

  async currentVersion(): Promise<string | null> {
    const pointer = await this.store.get(`${this.prefix}${this.model}/current.json`);
    return pointer ? (JSON.parse(decode(pointer)) as { version: string }).version : null;
  }

  async load(version: string): Promise<LoadedModel> {
    const base = this.versionPrefix(version);
    const [modelJson, weights, metadata] = await Promise.all(
      ['model.json', 'weights.bin', 'metadata.json'].map((name) => this.store.get(`${base}${name}`)),
    );
    if (!modelJson || !weights || !metadata) throw new ModelNotFoundError(`Model version ${version} is incomplete or missing at ${base}.`);
    const network = await deserializeNetwork({ modelJson: decode(modelJson), weights });
    return { network, metadata: JSON.parse(decode(metadata)) as ChurnClvModelMetadata };
  }

  async loadCurrent(): Promise<LoadedModel | null> {
    const version = await this.currentVersion();
    return version ? this.load(version) : null;
  }
}
