import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import {
  ModelRegistry,
  decidePromotion,
  scoreCustomers,
  trainChurnClvModel,
  type LoadedModel,
  type PromotionDecision,
} from '../../models/churn-clv/index.js';
import { orderDateRange } from '../../models/features/index.js';
import { disposeFamilyModel } from '../../models/model-families/family-model.js';
import { BUCKET_COUNT } from '../../models/partitioning/index.js';
import { assignSegments } from '../../models/segmentation/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { customerRow } from '../adapters/customer-items/index.js';
import type { SegmentsTable } from '../adapters/segments-table.js';
import type { UploadManifest } from '../ingest/upload-manifest.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { loadCleanData } from './load-clean-data.js';
import { loadCurrentModel } from './load-current-model.js';
import { publishLookalikeAudience } from './publish-audience.js';
import type { RunSummary } from './run-summary.js';
import { withWorkspace } from './workspace.js';

export interface RefreshOptions {
  /** Score as of this day; defaults to the day of the latest order. */
  asOf?: string;
  horizonDays: number;
  /** 'always' retrains (new orders arrived); 'if-missing' reuses the current model (nightly). */
  train: 'always' | 'if-missing';
  seed?: number;
  onProgress?: (message: string) => void;
}

export class NoOrdersError extends Error {
  override readonly name = 'NoOrdersError';
}

export interface RefreshDependencies {
  store: S3ObjectStore;
  table: SegmentsTable;
  manifest: UploadManifest;
}

/** Recomputes features, (re)trains if asked, scores, segments and publishes every output. */
export async function refreshScores({ store, table, manifest }: RefreshDependencies, options: RefreshOptions): Promise<RunSummary> {
  const progress = options.onProgress ?? (() => {});
  const seconds: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    progress(`${step}…`);
    const result = await work();
    seconds[step] = Number(((performance.now() - started) / 1000).toFixed(2));
    return result;
  };
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const data = await timed('load', () => loadCleanData(store, manifest, db, dir));
      const range = await orderDateRange(db);
      if (!range) throw new NoOrdersError('There are no accepted orders in the bucket yet; upload an orders extract under incoming/orders/.');
      const asOf = options.asOf ?? range.last;
      const registry = new ModelRegistry(store, PREFIXES.models);
      const current = await loadCurrentModel(registry, progress);
      let promotion: PromotionDecision | null = null;
      if (options.train === 'always' || !current) {
        const trained = await timed('train', () =>
          trainChurnClvModel(db, { asOf, horizonDays: options.horizonDays, ...(options.seed !== undefined ? { seed: options.seed } : {}) }),
        );
        await registry.save(trained.model, trained.metadata);
        promotion = await decidePromotion(db, trained.metadata, current);
        disposeFamilyModel(trained.model);
        progress(`model ${trained.metadata.version} (${trained.metadata.card.familyName}): ${promotion.promote ? 'promoted' : 'not promoted'} (${promotion.reason})`);
        if (promotion.promote) await registry.promote(trained.metadata.version, promotion.reason);
      }
      if (promotion?.promote && current) disposeFamilyModel(current.model);
      const loaded = promotion?.promote || !current ? ((await registry.loadCurrent()) as LoadedModel) : current;
      const trainedThisRun = promotion?.promote === true;
      const scores = await timed('score', () => scoreCustomers(db, loaded, asOf));
      disposeFamilyModel(loaded.model);
      const assignment = await timed('segment', async () => assignSegments(scores));
      const modelVersion = loaded.metadata.version;
      const runId = `${asOf}-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}`;
      const changes = await timed('write-table', async () => {
        // One shard of every bucket until the run becomes Step Functions stages (issue 8).
        await table.runs.start({ runId, asOf, startedAt: new Date().toISOString() });
        const customers = scores.map((score) => customerRow(score, assignment.memberships.get(score.customerId) ?? [], asOf));
        const written = await table.reconcileShard({ runId, asOf, modelVersion, fromBucket: 0, toBucket: BUCKET_COUNT, customers, finishedRuns: table.runs.succeededRuns() });
        const segments = assignment.definitions.map((d) => ({ ...d, size: assignment.sizes.get(d.id) ?? 0 }));
        await table.publishRun({ runId, finishedAt: new Date().toISOString(), catalog: { asOf, modelVersion, segments } });
        return { entered: written.membershipsPut, exited: written.membershipsDeleted, segments };
      });
      const audience = await timed('lookalike', () => publishLookalikeAudience(db, store, { asOf, memberships: assignment.memberships }));
      const summary: RunSummary = {
        runId,
        asOf,
        horizonDays: options.horizonDays,
        data,
        model: {
          version: modelVersion,
          family: loaded.model.parameters.family,
          familyName: loaded.metadata.card.familyName,
          trainedThisRun,
          fittedAsOf: loaded.metadata.asOf,
          networks: loaded.metadata.training.networks,
          trainingRows: loaded.metadata.training.trainingRows,
          backend: loaded.metadata.training.backend,
          holdout: loaded.metadata.holdout,
          baselines: Object.fromEntries(
            Object.entries(loaded.metadata.card.baselines).map(([name, m]) => [name, { churnAuc: m.churnAuc, churnBrier: m.churnBrier, clvNormalizedGini: m.clvNormalizedGini, clvDecileMape: m.clvDecileMape }]),
          ),
          promotion: promotion ? { promoted: promotion.promote, reason: promotion.reason } : null,
          card: loaded.metadata.card,
        },
        scoredCustomers: scores.length,
        segments: changes.segments.map(({ id, name, family, size }) => ({ id, name, family, size })),
        membershipWrites: { entered: changes.entered, exited: changes.exited },
        audience,
        outputs: {
          table: table.tableName,
          bucket: store.bucket,
          model: registry.versionPrefix(modelVersion),
          report: `${PREFIXES.reports}runs/${runId}.json`,
        },
        seconds,
      };
      await store.put(summary.outputs.report, JSON.stringify(summary, null, 2), 'application/json');
      return summary;
    } finally {
      db.close();
    }
  });
}
