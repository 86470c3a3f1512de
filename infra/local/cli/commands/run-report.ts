import { ModelRegistry } from '../../../../models/churn-clv/index.js';
import type { RunReport } from '../../../../functions/run/publish-run.js';
import type { S3ObjectStore } from '../../../../functions/adapters/s3-object-store.js';
import { PREFIXES } from '../../../../functions/shared/storage-layout.js';
import { formatRunReport } from '../format-run-report.js';

/** Prints each finished run's report with its model's card. */
export async function printRunReports(store: S3ObjectStore, reports: readonly RunReport[], log: (line: string) => void): Promise<void> {
  const registry = new ModelRegistry(store, PREFIXES.models);
  for (const report of reports) {
    const metadata = await registry.loadMetadata(report.model.version).catch(() => null);
    formatRunReport(report, metadata?.card ?? null).forEach(log);
  }
}
