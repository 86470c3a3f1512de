import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { GRADIENT_BOOSTING_THREAD, PROJECT_ROOT } from '../../../infra/aws/project-paths.js';
import { threadBundles } from '../../../infra/aws/pipeline-function.js';
import type { BaselineThreadInput, BaselineThreadReply } from '../../../models/gradient-boosting/baseline-thread.js';
import { GradientBoostingInputError, gradientBoostingBaseline, gradientBoostingBaselineBeside } from '../../../models/gradient-boosting/index.js';
import { syntheticRows } from './synthetic-data.js';

const spend = (row: Float32Array, random: () => number) => (row[0]! + 0.3 * (random() - 0.5) > 0 ? 50 + 40 * row[1]! + 5 * random() : 0);
const training = syntheticRows(12_000, 3, 1, spend);
const evaluation = syntheticRows(500, 3, 2, spend);
const input: BaselineThreadInput = { training: { values: training.x, width: 3, spend: training.y }, evaluation: { values: evaluation.x, width: 3 }, seed: 7 };
const scratch = mkdtempSync(path.join(os.tmpdir(), 'baseline-thread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('gradientBoostingBaselineBeside', () => {
  it('gives what the baseline gives on the calling thread, bit for bit, and leaves the caller its rows', async () => {
    // Act
    const beside = await gradientBoostingBaselineBeside(input);

    // Assert
    const inline = gradientBoostingBaseline(input.training, input.evaluation, input.seed);
    expect(beside.churnProbability).toEqual(inline.churnProbability);
    expect(beside.predictedValue).toEqual(inline.predictedValue);
    expect(training.x.length).toBe(12_000 * 3);
  });

  it('moves the rows to the thread when asked, with the same answer', async () => {
    // Arrange: copies the caller gives away.
    const moved: BaselineThreadInput = { training: { values: training.x.slice(), width: 3, spend: training.y.slice() }, evaluation: { values: evaluation.x.slice(), width: 3 }, seed: 7 };

    // Act
    const pending = gradientBoostingBaselineBeside(moved, { transfer: true });
    const detached = moved.training.values.length;
    const beside = await pending;

    // Assert: the caller's copies are empty at once (not cloned), the answer is the inline one.
    expect(detached).toBe(0);
    expect(moved.evaluation.values.length).toBe(0);
    expect(beside).toEqual(gradientBoostingBaseline(input.training, input.evaluation, input.seed));
  });

  it('fits calls made together, more than it has threads for, each with its own answer', async () => {
    // Arrange: two more baselines on other rows, asked for before the first has answered (the third queues).
    const other = syntheticRows(11_000, 3, 3, spend);
    const second: BaselineThreadInput = { training: { values: other.x, width: 3, spend: other.y }, evaluation: input.evaluation, seed: 9 };
    const third: BaselineThreadInput = { ...second, seed: 11 };

    // Act
    const [first, next, last] = await Promise.all([gradientBoostingBaselineBeside(input), gradientBoostingBaselineBeside(second), gradientBoostingBaselineBeside(third)]);

    // Assert
    expect(first).toEqual(gradientBoostingBaseline(input.training, input.evaluation, input.seed));
    expect(next).toEqual(gradientBoostingBaseline(second.training, second.evaluation, second.seed));
    expect(last).toEqual(gradientBoostingBaseline(third.training, third.evaluation, third.seed));
    expect(next.churnProbability).not.toEqual(first.churnProbability);
  });

  it('rejects with the baseline own error when the training rows cannot be fitted', async () => {
    // Arrange: every training row a buyer, so there is no churn class to learn.
    const buyers: BaselineThreadInput = { ...input, training: { ...input.training, spend: new Float32Array(12_000).fill(10) } };

    // Act + Assert
    await expect(gradientBoostingBaselineBeside(buyers)).rejects.toThrow(GradientBoostingInputError);
  });
});

describe('the thread as a Lambda bundle ships it', () => {
  it('bundles with the afterBundling command and answers from the bundle alone', async () => {
    // Arrange: the command CDK runs after bundling the Train handler into its asset folder.
    const [command] = threadBundles([GRADIENT_BOOSTING_THREAD]).afterBundling(PROJECT_ROOT, scratch);
    execSync(command!, { cwd: scratch, stdio: 'pipe' }); // CDK runs the hooks in the output folder

    // Act
    const worker = new Worker(path.join(scratch, GRADIENT_BOOSTING_THREAD.bundledAs));
    const reply = await new Promise<BaselineThreadReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(input);
    });
    await worker.terminate();

    // Assert
    const inline = gradientBoostingBaseline(input.training, input.evaluation, input.seed);
    expect(reply).toEqual({ predictions: inline });
  }, 60_000);
});
