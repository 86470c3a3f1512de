import type { TopLevelSpec } from 'vega-lite';
import type { GainsPoint } from './gains.js';
import type { ChurnCalibration, FamilyMovement, ReportSegment, ValueHistogram } from './report-input.js';

const FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif';
const ACCENT = '#2f6fb3';
const MUTED = '#9aa5b1';

/** Shared look: plain fonts, no chart border, room for long segment names. */
const base = (spec: Record<string, unknown>): TopLevelSpec =>
  ({
    background: 'white',
    padding: 6,
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 220, gridColor: '#e8ecf0' },
      legend: { labelFontSize: 11, titleFontSize: 11 },
    },
    ...spec,
  }) as TopLevelSpec;

/** Horizontal bars of a family's segment sizes, in the family's order, labelled with their share. */
export function segmentSizesSpec(segments: readonly ReportSegment[], customers: number): TopLevelSpec {
  const values = segments.map((s) => ({ name: s.name, size: s.size, share: customers > 0 ? `${((100 * s.size) / customers).toFixed(1)}%` : '' }));
  const y = { field: 'name', type: 'nominal', title: null, sort: segments.map((s) => s.name) };
  return base({
    width: 300,
    height: { step: 18 },
    data: { values },
    encoding: { y },
    layer: [
      { mark: { type: 'bar', color: ACCENT }, encoding: { x: { field: 'size', type: 'quantitative', title: 'customers' } } },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#333' }, encoding: { x: { field: 'size', type: 'quantitative' }, text: { field: 'share' } } },
    ],
  });
}

/** Customers per bin of predicted value; an open-ended last bin is drawn one bin wide. */
export function valueHistogramSpec(histogram: ValueHistogram): TopLevelSpec {
  const widths = histogram.bins.filter((b) => b.to !== null).map((b) => (b.to as number) - b.from);
  const width = widths[0] ?? 1;
  const values = histogram.bins.map((b) => ({ from: b.from, to: b.to ?? b.from + width, customers: b.customers }));
  return base({
    width: 640,
    height: 220,
    data: { values },
    mark: { type: 'rect', color: ACCENT, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: histogram.label, scale: { zero: true, nice: false } },
      x2: { field: 'to' },
      y: { field: 'customers', type: 'quantitative', title: 'customers' },
      y2: { datum: 0 },
    },
  });
}

const unitDiagonal = { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] };
const unitAxis = (title: string) => ({ type: 'quantitative', title, scale: { domain: [0, 1] }, axis: { format: '.0%' } });

/** Observed churn rate against mean predicted churn per decile, with the line of perfect calibration. */
export function calibrationSpec(calibration: ChurnCalibration): TopLevelSpec {
  return base({
    width: 300,
    height: 300,
    layer: [
      { data: unitDiagonal, mark: { type: 'line', color: MUTED, strokeDash: [4, 4] }, encoding: { x: { field: 'x', ...unitAxis('mean predicted churn') }, y: { field: 'y', ...unitAxis('observed churn rate') } } },
      {
        data: { values: calibration.rows },
        mark: { type: 'line', color: ACCENT, point: { filled: true, size: 50, color: ACCENT } },
        encoding: { x: { field: 'meanPredicted', ...unitAxis('mean predicted churn') }, y: { field: 'observedRate', ...unitAxis('observed churn rate') }, order: { field: 'decile' } },
      },
    ],
  });
}

/** Share of churners caught against share of customers targeted, riskiest first, beside random targeting. */
export function gainsSpec(points: readonly GainsPoint[]): TopLevelSpec {
  const values = [{ customerShare: 0, churnerShare: 0 }, ...points.map((p) => ({ customerShare: p.customerShare, churnerShare: p.churnerShare }))];
  return base({
    width: 300,
    height: 300,
    layer: [
      { data: unitDiagonal, mark: { type: 'line', color: MUTED, strokeDash: [4, 4] }, encoding: { x: { field: 'x', ...unitAxis('customers targeted (riskiest first)') }, y: { field: 'y', ...unitAxis('churners caught') } } },
      {
        data: { values },
        mark: { type: 'line', color: ACCENT, point: { filled: true, size: 40, color: ACCENT } },
        encoding: { x: { field: 'customerShare', ...unitAxis('customers targeted (riskiest first)') }, y: { field: 'churnerShare', ...unitAxis('churners caught') } },
      },
    ],
  });
}

/** Each decile's churn rate over the split's, riskiest decile first; 1 is random. */
export function liftSpec(points: readonly GainsPoint[]): TopLevelSpec {
  return base({
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: points.map((p) => ({ decile: p.deciles, lift: p.lift })) },
        mark: { type: 'bar', color: ACCENT },
        encoding: {
          x: { field: 'decile', type: 'ordinal', title: 'decile of predicted churn (1 = riskiest tenth)', axis: { labelAngle: 0 } },
          y: { field: 'lift', type: 'quantitative', title: 'lift (churn rate / average)' },
        },
      },
      { data: { values: [{ lift: 1 }] }, mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 4] }, encoding: { y: { field: 'lift', type: 'quantitative' } } },
    ],
  });
}

/**
 * A from -> to matrix of customers for one family, cells coloured by count and labelled with it.
 * `labelOf` turns a segment id (or several joined with " + ") into its name; `order` sorts both axes.
 */
export function movementSpec(movement: FamilyMovement, labelOf: (key: string) => string, order: readonly string[]): TopLevelSpec {
  const values = movement.cells.map((c) => ({ from: labelOf(c.from), to: labelOf(c.to), customers: c.customers }));
  const max = Math.max(1, ...values.map((v) => v.customers));
  const keys = [...new Set(movement.cells.flatMap((c) => [c.from, c.to]))];
  // Keys not in `order` (several segments of an overlapping family) go before the last key, NO_SEGMENT.
  const rank = (key: string) => (order.indexOf(key) === -1 ? order.length - 1.5 : order.indexOf(key));
  const sorted = keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map(labelOf);
  return base({
    data: { values },
    width: { step: 46 },
    height: { step: 22 },
    encoding: {
      x: { field: 'to', type: 'nominal', title: 'this run', sort: sorted, axis: { orient: 'top', labelAngle: -40, labelLimit: 160 } },
      y: { field: 'from', type: 'nominal', title: 'previous run', sort: sorted, axis: { labelLimit: 220 } },
    },
    layer: [
      { mark: { type: 'rect', stroke: 'white', strokeWidth: 1 }, encoding: { color: { field: 'customers', type: 'quantitative', scale: { type: 'sqrt', scheme: 'blues' }, legend: null } } },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'customers', type: 'quantitative', format: ',' },
          color: { condition: { test: `datum.customers > ${max * 0.35}`, value: 'white' }, value: '#1f2d3a' },
        },
      },
    ],
  });
}
