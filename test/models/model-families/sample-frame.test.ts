import { describe, expect, it } from 'vitest';
import { baseRows, sampleFrame, type CustomerFrame } from '../../../models/model-families/frame/customer-frame.js';

/** A frame of n customers whose every per-customer value is the customer's number, so any misalignment shows. */
function numberedFrame(n: number): CustomerFrame {
  const customerIds = Array.from({ length: n }, (_, i) => `cust-${i}`);
  const column = () => Float64Array.from({ length: n }, (_, i) => i);
  const features = (width: number) => ({
    asOf: '2024-06-30',
    customerIds,
    featureNames: Array.from({ length: width }, (_, j) => `f${j}`),
    values: Float32Array.from({ length: n * width }, (_, k) => Math.floor(k / width)),
    rfm: { recencyDays: column(), frequency: column(), monetary: column() },
  });
  const summaries = { asOf: '2024-06-30', customerIds, x: column(), tx: column(), T: column(), mx: column(), firstSpend: column() };
  return {
    asOf: '2024-06-30',
    btydModels: {} as CustomerFrame['btydModels'],
    btyd: { customerIds, summaries, probabilityAlive: column(), churnProbability: column(), expectedTransactions: column(), expectedAverageSpend: column(), expectedSpend: column() },
    features: features(5),
    baseWidth: 3,
  };
}

describe('sampleFrame', () => {
  it('returns the frame itself when it is no larger than the sample', () => {
    const frame = numberedFrame(100);
    expect(sampleFrame(frame, 100, 1)).toBe(frame);
  });

  it('keeps about max customers, in the frame order, with every per-customer array aligned to the same rows', () => {
    const frame = numberedFrame(20_000);
    const sample = sampleFrame(frame, 5_000, 7);
    const n = sample.features.customerIds.length;
    expect(n).toBeGreaterThan(4_700);
    expect(n).toBeLessThanOrEqual(5_000);
    const rows = sample.features.customerIds.map((id) => Number(id.slice(5)));
    expect(rows.every((row, i) => i === 0 || row > rows[i - 1]!)).toBe(true);
    expect(sample.btyd.customerIds).toBe(sample.features.customerIds);
    for (const array of [sample.btyd.churnProbability, sample.btyd.expectedSpend, sample.btyd.summaries.x, sample.btyd.summaries.firstSpend, sample.features.rfm.monetary]) {
      expect(Array.from(array)).toEqual(rows);
    }
    const width = sample.features.featureNames.length;
    expect(sample.features.values.length).toBe(n * width);
    expect(rows.every((row, i) => sample.features.values[i * width + width - 1] === row)).toBe(true);
    // The baseline's columns: the first baseWidth of each sampled row.
    const base = baseRows(sample);
    expect(base.length).toBe(n * 3);
    expect(rows.every((row, i) => base[i * 3] === row && base[i * 3 + 2] === row)).toBe(true);
  });

  it('picks the same customers for the same ids and seed whatever else the frame holds, and others for another seed', () => {
    const ids = (frame: CustomerFrame) => new Set(frame.features.customerIds);
    const small = ids(sampleFrame(numberedFrame(10_000), 2_000, 3));
    const large = ids(sampleFrame(numberedFrame(20_000), 4_000, 3));
    // The larger frame keeps the same share; of the first 10,000 ids it keeps the very ones the smaller kept.
    const overlap = [...large].filter((id) => Number(id.slice(5)) < 10_000);
    expect(overlap.every((id) => small.has(id))).toBe(true);
    expect(overlap.length).toBe(small.size);
    const other = ids(sampleFrame(numberedFrame(10_000), 2_000, 4));
    expect([...other].filter((id) => small.has(id)).length).toBeLessThan(small.size * 0.4);
  });
});
