import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../infra/local/cli/commands/evaluate-command.js';
import { customerCommand, queryCommand } from '../../infra/local/cli/commands/query-commands.js';
import { rescoreCommand } from '../../infra/local/cli/commands/rescore-command.js';
import { runCommand } from '../../infra/local/cli/commands/run-command.js';
import type { RunReport } from '../../functions/run/publish-run.js';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-e2e-'));
const capture = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
};
let run: RunReport;
const customers: Record<string, unknown>[] = [];

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const { log } = capture();
  const outcome = await runCommand({ stateDir, demo: true, demoCustomers: '3000' }, log);
  const report = outcome?.reports?.[0];
  if (!report) throw new Error('the demo run produced no scoring run');
  run = report;
}, 300_000);
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

async function customer(id: string): Promise<Record<string, unknown>> {
  const { lines, log } = capture();
  await customerCommand({ stateDir, customerId: id }, log);
  return JSON.parse(lines.join('\n')) as Record<string, unknown>;
}

describe('segments run --demo on the embedded runtime', () => {
  it('scores every customer with orders through the local state machine, with sensible held-out metrics', async () => {
    const { lines, log } = capture();
    await evaluateCommand({ stateDir }, log);

    expect(run.customers).toBeGreaterThan(2000);
    expect(run.model.trainedThisRun).toBe(true);
    expect(run.audience?.rows).toBeGreaterThan(1000);
    const chosen = lines.find((line) => /^\s+\S.*\*\s+[0-9.]+/.test(line)) ?? '';
    expect(Number(/\*\s+([0-9.]+)/.exec(chosen)?.[1])).toBeGreaterThan(0.75);
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

    const rescored = (await rescoreCommand({ stateDir, asOf: '2025-01-15' }, log)).reports?.[0];

    expect(rescored?.model).toMatchObject({ version: run.model.version, trainedThisRun: false });
    expect(rescored?.writes.items).toBeLessThan(run.writes.items / 2);
    expect((await customer(String(customers[0]?.customerId))).asOf).toBe('2025-01-15');
  }, 120_000);
});
