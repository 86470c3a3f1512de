#!/usr/bin/env node
// Runs a TypeScript entry point (benchmarks, scripts) through tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
// Benchmarks measure what the CLI does: with transparent huge pages (runtime/huge-pages.ts).
const { endAs, followParent, relaunchWithHugePages } = await import('../runtime/huge-pages.ts');
const relaunched = relaunchWithHugePages();
if (relaunched) endAs(await relaunched);
followParent();
process.argv.splice(1, 1);
await import(pathToFileURL(path.resolve(entry)).href);
