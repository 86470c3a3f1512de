import { ModelRegistry, decidePromotion, trainChurnClvModel } from '../../models/churn-clv/index.js';
import { StepTimer } from '../../models/progress/step-timer.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { disposeFamilyModel } from '../../models/model-families/family-model.js';
import { loadCurrentModel } from '../pipeline/load-current-model.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES } from '../shared/storage-layout.js';
import type { RunContext } from './run-contract.js';
import { progressOf, type RunDependencies } from './run-dependencies.js';
import { loadRunShards, requireAsOf } from './run-data.js';

/**
 * Trains a challenger on the whole snapshot as of the run's day and promotes it when it is not
 * worse than the current model on the challenger's own held-out split (champion/challenger). The
 * run scores with whichever model is current afterwards.
 */
export async function trainRun(deps: RunDependencies & { seed?: number }, run: RunContext): Promise<RunContext> {
  const progress = progressOf(deps);
  const asOf = requireAsOf(run);
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      await loadRunShards(deps.store, db, dir, run.shards);
      const registry = new ModelRegistry(deps.store, PREFIXES.models);
      const current = await loadCurrentModel(registry, progress);
      const timer = new StepTimer(({ step, seconds }) => progress(`train: ${step} in ${seconds} s`));
      const trained = await trainChurnClvModel(db, { asOf, horizonDays: run.horizonDays, timer, ...(deps.seed !== undefined ? { seed: deps.seed } : {}) });
      await registry.save(trained.model, trained.metadata);
      const promotion = await decidePromotion(db, trained.metadata, current);
      disposeFamilyModel(trained.model);
      if (current) disposeFamilyModel(current.model);
      progress(`model ${trained.metadata.version} (${trained.metadata.card.familyName}): ${promotion.promote ? 'promoted' : 'not promoted'} (${promotion.reason})`);
      if (promotion.promote) await registry.promote(trained.metadata.version, promotion.reason);
      return {
        ...run,
        modelVersion: promotion.promote ? trained.metadata.version : (current?.metadata.version ?? trained.metadata.version),
        promotion: { challenger: trained.metadata.version, promoted: promotion.promote, reason: promotion.reason },
      };
    } finally {
      db.close();
    }
  });
}
