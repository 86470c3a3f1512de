import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerCommand, queryCommand } from '../../infra/local/cli/commands/query-commands.js';
import { rescoreCommand } from '../../infra/local/cli/commands/rescore-command.js';
import { runCommand } from '../../infra/local/cli/commands/run-command.js';
import type { RunSummary } from '../../functions/pipeline/run-summary.js';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-e2e-'));
const capture = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
};
let run: RunSummary;
const customers: Record<string, unknown>[] = [];

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const { log } = capture();
  const summary = await runCommand({ stateDir, demo: true, demoCustomers: '3000' }, log);
  if (!summary) throw new Error('the demo run produced no scoring run');
  run = summary;
}, 300_000);
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

async function customer(id: string): Promise<Record<string, unknown>> {
  const { lines, log } = capture();
  await customerCommand({ stateDir, customerId: id }, log);
  return JSON.parse(lines.join('\n')) as Record<string, unknown>;
}

describe('segments run --demo on the embedded runtime', () => {
  it('scores every customer with orders and reports sensible held-out metrics', () => {
    expect(run.scoredCustomers).toBeGreaterThan(2000);
    expect(run.model.holdout?.churnAuc).toBeGreaterThan(0.75);
    expect(run.model.holdout?.clvNormalizedGini).toBeGreaterThan(0.5);
    expect(run.audience?.rows).toBeGreaterThan(1000);
  });

  it('query lists exactly the customers whose items name the segment', async () => {
    const segmentId = 'rfm:champions';
    const { lines, log } = capture();

    await queryCommand({ stateDir, segment: segmentId, limit: 50, all: true }, log);

    const listed = lines.filter((line) => !line.startsWith('#'));
    expect(listed).toHaveLength(run.segments.find((s) => s.id === segmentId)?.size ?? -1);
    for (const id of listed.slice(0, 25)) {
      const item = await customer(id);
      expect(item.segments).toContain(segmentId);
      customers.push(item);
    }
  });

  it('recent frequent buyers get lower churn probability than long-lapsed customers', async () => {
    const { lines, log } = capture();
    await queryCommand({ stateDir, segment: 'rfm:lost', limit: 25 }, log);
    const lost: Record<string, unknown>[] = [];
    for (const id of lines.filter((l) => !l.startsWith('#'))) lost.push(await customer(id));
    const mean = (items: Record<string, unknown>[]) => items.reduce((a, i) => a + Number(i.churnProbability), 0) / items.length;

    expect(lost.every((item) => Number(item.recencyDays) > Math.max(...customers.map((c) => Number(c.recencyDays))))).toBe(true);
    expect(mean(customers)).toBeLessThan(mean(lost) - 0.3);
  });

  it('the nightly rescore for a later day reuses the model and writes only what changed', async () => {
    const { log } = capture();

    const rescored = await rescoreCommand({ stateDir, asOf: '2025-01-15' }, log);

    expect(rescored.model).toMatchObject({ version: run.model.version, trainedThisRun: false });
    expect(rescored.membershipWrites.entered).toBeLessThan(run.membershipWrites.entered / 2);
    expect((await customer(String(customers[0]?.customerId))).asOf).toBe('2025-01-15');
  }, 120_000);
});
