import { writeFile } from 'node:fs/promises';
import { csvCell } from '../csv/index.js';
import type { CustomerPredictions } from '../model-families/index.js';

/** `customer_id,churn_probability,predicted_value`, one row per customer, fixed decimals so reruns compare byte for byte. */
export function predictionsCsv(predictions: CustomerPredictions): string {
  const lines = predictions.customerIds.map(
    (id, i) => `${csvCell(id)},${predictions.churnProbability[i]!.toFixed(6)},${predictions.predictedValue[i]!.toFixed(4)}`,
  );
  return `customer_id,churn_probability,predicted_value\n${lines.join('\n')}\n`;
}

export async function writePredictionsCsv(file: string, predictions: CustomerPredictions): Promise<void> {
  await writeFile(file, predictionsCsv(predictions), 'utf8');
}
