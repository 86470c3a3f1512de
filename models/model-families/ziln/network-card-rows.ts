import type { ModelCard } from '../model-card.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** The networks of the served model, when it has any. */
export function networkCardRows(card: ModelCard): string[] {
  if (!card.network) return [];
  const { members, trainingRows, rowsPerNetwork, epochs } = card.network;
  const sample = rowsPerNetwork < trainingRows ? `, each on a seeded sample of ${count(rowsPerNetwork)}` : '';
  return [`Network: ${members} ZILN networks trained on ${count(trainingRows)} customers' labels${sample} (epochs ${epochs.join(', ')})`];
}
