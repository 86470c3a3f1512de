import type { FamilyModel } from '../model-families/family-model.js';
import { CHURN_CLV_FORMAT, CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';
import { ModelFormatError, ModelNotFoundError } from './errors.js';
import { deserializeNetwork, serializeNetwork } from '../ziln/network-artefacts.js';

/** Where model files are kept: an S3 prefix in AWS and locally, a folder in tests. */
export interface ArtefactStore {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
}

export interface LoadedModel {
  model: FamilyModel;
  metadata: ChurnClvModelMetadata;
}


const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * Versions live at `<prefix><model>/versions/<version>/`: `metadata.json` (family, BTYD parameters,
 * calibration, feature names, model card) and `networks/<i>/{model.json,weights.bin}` for each
 * network of the ensemble. `<prefix><model>/current.json` names the version in use. The pointer is
 * written last, so a reader never sees a half-written version.
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

  async save(model: FamilyModel, metadata: ChurnClvModelMetadata): Promise<string> {
    const base = this.versionPrefix(metadata.version);
    for (const [i, network] of model.networks.entries()) {
      const serialized = await serializeNetwork(network);
      await this.store.put(`${base}networks/${i}/model.json`, serialized.modelJson, 'application/json');
      await this.store.put(`${base}networks/${i}/weights.bin`, serialized.weights, 'application/octet-stream');
    }
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

  async loadMetadata(version: string): Promise<ChurnClvModelMetadata> {
    const base = this.versionPrefix(version);
    const bytes = await this.store.get(`${base}metadata.json`);
    if (!bytes) throw new ModelNotFoundError(`Model version ${version} has no metadata at ${base}metadata.json.`);
    const metadata = JSON.parse(decode(bytes)) as Partial<ChurnClvModelMetadata>;
    if (metadata.format !== CHURN_CLV_FORMAT) {
      throw new ModelFormatError(`Model version ${version} was stored in format ${metadata.format ?? 1}; this release reads format ${CHURN_CLV_FORMAT}.`);
    }
    return metadata as ChurnClvModelMetadata;
  }

  async load(version: string): Promise<LoadedModel> {
    const metadata = await this.loadMetadata(version);
    const base = this.versionPrefix(version);
    const networks = [];
    for (let i = 0; i < metadata.training.networks; i += 1) {
      const [modelJson, weights] = await Promise.all([this.store.get(`${base}networks/${i}/model.json`), this.store.get(`${base}networks/${i}/weights.bin`)]);
      if (!modelJson || !weights) throw new ModelNotFoundError(`Model version ${version} is missing network ${i} at ${base}networks/${i}/.`);
      networks.push(await deserializeNetwork({ modelJson: decode(modelJson), weights }));
    }
    return { model: { parameters: metadata.parameters, networks }, metadata };
  }

  async loadCurrent(): Promise<LoadedModel | null> {
    const version = await this.currentVersion();
    return version ? this.load(version) : null;
  }
}
