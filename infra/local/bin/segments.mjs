#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), so `npx segments` works right after `npm ci`.
import { register } from 'tsx/esm/api';

// The handlers' structured logs and metrics are for CloudWatch; on a terminal the CLI reports
// itself. Set before any handler module is imported, since their logger reads it once.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
register();
// The backtest's arrays are large and fresh: it runs with transparent huge pages (runtime/huge-pages.ts).
if (process.argv.slice(2).includes('backtest')) await (await import('../runtime/huge-pages.ts')).ensureHugePages();
await import('../cli/main.ts');
