import { ModelRegistry } from '../../../../models/churn-clv/index.js';
import { formatModelCard } from '../../../../models/model-families/format-model-card.js';
import { PREFIXES } from '../../../../functions/shared/storage-layout.js';
import { openLocalSession } from '../local-session.js';
import { firstRunHint } from '../segments-command.js';
import { NotFoundError } from '../output/cli-errors.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';
import type { ChurnClvModelMetadata } from '../../../../models/churn-clv/index.js';

export class NoModelError extends NotFoundError {
  override readonly name = 'NoModelError';
}

/** Prints the model card of the current model (or of a given version) from the local registry. */
export async function evaluateCommand(options: { stateDir: string; version?: string }, target: OutputTarget): Promise<Pick<ChurnClvModelMetadata, 'card' | 'training'>> {
  const log = asOutput(target).data;
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const registry = new ModelRegistry(session.dependencies.store, PREFIXES.models);
    const version = options.version ?? (await registry.currentVersion());
    if (!version) throw new NoModelError(`No model yet: run ${firstRunHint(options.stateDir)} first.`);
    const { card, training } = await registry.loadMetadata(version);
    log(`Model ${card.version}, created ${card.createdAt} in ${training.seconds.toFixed(1)} s (seed ${card.seed}, TensorFlow.js backend ${training.backend})`);
    formatModelCard(card).forEach(log);
    return { card, training };
  } finally {
    await session.close();
  }
}
