import { familyById, MODEL_FAMILIES, ModelFamilyError, type FamilyArtefacts, type FamilyModel, type ModelFamily } from '../model-families/index.js';
import { ModelFormatError, ModelNotFoundError } from './errors.js';
import { CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';
import { readStoredModel, storedModel, type StoredModel } from './stored-model.js';

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
 * Versions live at `<prefix><model>/versions/<version>/`: `metadata.json` (StoredModel: family,
 * inputs, the family's parameters, training, model card) and `networks/<i>/{model.json,weights.bin}`
 * for each network the family stores. `<prefix><model>/current.json` names the version in use.
 * The pointer is written last, so a reader never sees a half-written version.
 */
export class ModelRegistry {
  constructor(
    private readonly store: ArtefactStore,
    private readonly prefix = 'models/',
    private readonly model = CHURN_CLV_MODEL,
    private readonly families: readonly ModelFamily[] = MODEL_FAMILIES,
  ) {}

  versionPrefix(version: string): string {
    return `${this.prefix}${this.model}/versions/${version}/`;
  }

  async save(model: FamilyModel, metadata: ChurnClvModelMetadata): Promise<string> {
    const base = this.versionPrefix(metadata.version);
    const artefacts = await familyById(model.family, this.families).save(model);
    for (const [i, network] of artefacts.networks.entries()) {
      await this.store.put(`${base}networks/${i}/model.json`, network.modelJson, 'application/json');
      await this.store.put(`${base}networks/${i}/weights.bin`, network.weights, 'application/octet-stream');
    }
    const stored = storedModel({ ...metadata, training: { ...metadata.training, networks: artefacts.networks.length } }, model.family, model.inputs, artefacts.parameters);
    await this.store.put(`${base}metadata.json`, JSON.stringify(stored, null, 2), 'application/json');
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
    return this.loadStored(version);
  }

  async load(version: string): Promise<LoadedModel> {
    const stored = await this.loadStored(version);
    const base = this.versionPrefix(version);
    const networks: FamilyArtefacts['networks'] = [];
    for (let i = 0; i < stored.training.networks; i += 1) {
      const [modelJson, weights] = await Promise.all([this.store.get(`${base}networks/${i}/model.json`), this.store.get(`${base}networks/${i}/weights.bin`)]);
      if (!modelJson || !weights) throw new ModelNotFoundError(`Model version ${version} is missing network ${i} at ${base}networks/${i}/.`);
      networks.push({ modelJson: decode(modelJson), weights });
    }
    try {
      const family = familyById(stored.family, this.families);
      const fitted = await family.load({ parameters: stored.familyParameters, networks });
      const { family: _family, inputs, familyParameters: _parameters, ...metadata } = stored;
      return { model: { family: family.id, inputs, ...fitted }, metadata };
    } catch (error) {
      if (!(error instanceof ModelFamilyError)) throw error;
      throw new ModelFormatError(`Model version ${version} cannot be loaded: ${error.message}`, { cause: error });
    }
  }

  async loadCurrent(): Promise<LoadedModel | null> {
    const version = await this.currentVersion();
    return version ? this.load(version) : null;
  }

  private async loadStored(version: string): Promise<StoredModel> {
    const base = this.versionPrefix(version);
    const bytes = await this.store.get(`${base}metadata.json`);
    if (!bytes) throw new ModelNotFoundError(`Model version ${version} has no metadata at ${base}metadata.json.`);
    return readStoredModel(decode(bytes), version);
  }
}
