import { ModelFormatError, type LoadedModel, type ModelRegistry } from '../../models/churn-clv/index.js';

/**
 * The model in use, or null when there is none or it was stored by an older release in a format
 * this one cannot score with: the caller then trains a new one instead of failing every night.
 */
export async function loadCurrentModel(registry: ModelRegistry, progress: (message: string) => void): Promise<LoadedModel | null> {
  try {
    return await registry.loadCurrent();
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    progress(`${error.message} Training a new model in its place.`);
    return null;
  }
}
