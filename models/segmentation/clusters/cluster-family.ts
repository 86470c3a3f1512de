import { SegmentationInputError } from '../errors.js';
import type { SegmentFamily } from '../families/segment-family.js';
import type { SegmentDefinition } from '../segment-definition.js';
import { checkClusteringSettings } from './check-clustering-settings.js';
import { nearestClusters, type ClusterModel } from './cluster-model.js';
import { fitClusters } from './fit-clusters.js';
import type { PreviousClusters } from './match-cluster-ids.js';

export const CLUSTER_FAMILY_ID = 'cluster';

/** One definition per fitted cluster, in id order: the persona's name and description. */
export const clusterDefinitions = (model: ClusterModel): SegmentDefinition[] =>
  model.clusters.map((cluster) => ({ id: `cluster:${cluster.id}`, family: CLUSTER_FAMILY_ID, name: cluster.name, description: cluster.description }));

/** A previous run's fit, when it has the shape this version stores (anything else starts ids afresh). */
function previousModel(fitted: unknown): PreviousClusters['model'] | null {
  const model = fitted as Partial<ClusterModel> | null;
  const ok = model !== null && typeof model === 'object' && Array.isArray(model.features) && Array.isArray(model.center) && Array.isArray(model.scale) && Array.isArray(model.clusters);
  return ok && model.clusters!.every((c) => Number.isInteger(c?.id) && Array.isArray(c?.centroid) && c.centroid.length === model.features!.length) ? (model as ClusterModel) : null;
}

/**
 * k-means clusters with personas: fitted once per run over the population (the Segment stage),
 * stored in the population statistics, and every shard assigns each customer to the nearest
 * centroid. The catalogue lists the clusters of the run (none until a population is fitted).
 */
export const CLUSTER_FAMILY: SegmentFamily = {
  id: CLUSTER_FAMILY_ID,
  enabled: (settings) => settings.clustering.enabled,
  check: (settings) => checkClusteringSettings(settings.clustering),
  definitions: (_settings, fitted) => (fitted ? clusterDefinitions(fitted as ClusterModel) : []),
  fit: ({ scores, columns, settings, previous }) => {
    const model = previousModel(previous?.fitted ?? null);
    return fitClusters(scores, columns, settings.clustering, model ? { runId: previous?.runId ?? null, model } : null);
  },
  assign: (context) => {
    const model = context.population.fitted?.[CLUSTER_FAMILY_ID] as ClusterModel | undefined;
    if (!model) throw new SegmentationInputError('The population statistics carry no clusters: compute them with the same segments settings (computePopulationStats)');
    const assigned = new Int16Array(context.columns.churnProbability.length);
    nearestClusters(model, context.columns, assigned);
    return assigned;
  },
};

/** The run's personas from its population statistics: id, name, description and profile per cluster; null when clustering is off. */
export function clusterPersonasOf(population: { fitted?: Record<string, unknown> }): ClusterPersona[] | null {
  const model = population.fitted?.[CLUSTER_FAMILY_ID] as ClusterModel | undefined;
  if (!model) return null;
  return model.clusters.map(({ id, name, description, profile }) => ({
    id: `cluster:${id}`,
    name,
    description,
    profile: {
      size: profile.size,
      share: profile.share,
      revenueShare: profile.revenueShare,
      meanPredictedValue: profile.meanPredictedValue,
      meanChurnProbability: profile.meanChurnProbability,
      typical: profile.typical,
      distinguishingFeatures: profile.distinguishingFeatures,
    },
  }));
}

export interface ClusterPersona {
  id: string;
  name: string;
  description: string;
  profile: Omit<ClusterModel['clusters'][number]['profile'], 'zScores'>;
}
