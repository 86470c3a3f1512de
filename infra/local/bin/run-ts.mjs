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
// The command as started, for a script that starts itself again (huge-pages.ts: LAUNCH_ARGV).
globalThis[Symbol.for('segments.launchArgv')] = process.argv.slice(1);
process.argv.splice(1, 1);
await import(pathToFileURL(path.resolve(entry)).href);
