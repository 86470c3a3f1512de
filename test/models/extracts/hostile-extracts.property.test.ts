import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { EXTRACT_SCHEMAS, ExtractRejectedError, detectFileFormat } from '../../../models/extracts/index.js';
import { validateExtract } from '../../../models/extracts/validate-extract.js';
import { hostileCorpus, hostileExtractArb, type HostileExtract } from '../../support/hostile-extracts.js';
import { judge, parseQuarantineCsv, readCleanRows, type Observed } from '../../support/hostile-outcome.js';

/**
 * Bad input loses nothing: for extracts with injected faults (encodings, BOMs, line endings,
 * gzip, bad rows of every kind), every valid row reaches the clean Parquet with its values, every
 * bad row is in the quarantine CSV at its own row number with a reason, a file that must be refused
 * raises ExtractRejectedError saying why (nothing else may be thrown), and the upload is never
 * modified. Expectations: test/support/hostile-extracts.ts. HOSTILE_RUNS / HOSTILE_SEED to vary.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : 20_240_601;

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-extracts-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** What the ingest does with one upload, at the models level: detect the format, then validate (functions/ingest/ingest-upload-object.ts). */
async function validateUpload(extract: HostileExtract): Promise<{ observed: Observed; hashBefore: string; hashAfter: string }> {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  const db = await openDuckDb({ tempDirectory: dir });
  try {
    const upload = path.join(dir, 'upload');
    fs.writeFileSync(upload, extract.bytes);
    const hashBefore = sha256(upload);
    let observed: Observed;
    try {
      // As the ingest does: the format from the first bytes under the upload's own name, the file read where it lies.
      const format = await detectFileFormat(upload, extract.name);
      const cleanPath = path.join(dir, 'clean.parquet');
      const quarantinePath = path.join(dir, 'quarantine.csv');
      await validateExtract(db, { inputPath: upload, format, schema: EXTRACT_SCHEMAS[extract.kind], cleanPath, quarantinePath });
      observed = {
        status: 'accepted',
        clean: await readCleanRows(db, cleanPath),
        quarantine: fs.existsSync(quarantinePath) ? parseQuarantineCsv(fs.readFileSync(quarantinePath)) : [],
      };
    } catch (error) {
      if (!(error instanceof ExtractRejectedError)) {
        observed = { status: 'crashed', crash: { phase: 'ingest', message: `${(error as Error).name}: ${(error as Error).message}` } };
      } else observed = { status: 'rejected', reason: error.reason, message: error.message };
    }
    return { observed, hashBefore, hashAfter: sha256(upload) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything that went wrong with one extract; empty when the ingest did exactly what it should. */
async function failuresOf(extract: HostileExtract) {
  const { observed, hashBefore, hashAfter } = await validateUpload(extract);
  const verdict = judge(extract, observed);
  return {
    file: extract.name,
    fileFaults: extract.fileFaults,
    rows: extract.description,
    uploadUnchanged: hashAfter === hashBefore,
    causes: verdict.causes,
    examples: verdict.examples,
  };
}

const passing = (failures: Awaited<ReturnType<typeof failuresOf>>) => ({ ...failures, uploadUnchanged: true, causes: {}, examples: [] });

describe('hostile extracts through validateExtract', () => {
  it('keeps every valid row, quarantines every bad row with its number and a reason, rejects only what must be rejected', async () => {
    await fc.assert(
      fc.asyncProperty(hostileExtractArb({ maxValidRows: 40, maxBadRows: 8 }), async (extract) => {
        const failures = await failuresOf(extract);
        expect(failures).toEqual(passing(failures));
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 100_000 },
    );
  }, 120_000);

  it('does the same for the fixed corpus the hostile-ingest harness measures', async () => {
    const failing = [];
    for (const extract of hostileCorpus()) {
      const failures = await failuresOf(extract);
      if (!failures.uploadUnchanged || Object.keys(failures.causes).length > 0) failing.push(failures);
    }

    expect(failing).toEqual([]);
  }, 120_000);
});
