import { SegmentRuleError } from '../errors.js';
import type { SegmentDefinition } from '../segment-definition.js';
import { percentileOf, type SegmentationSettings, type ThresholdSpec } from '../settings/index.js';
import { thresholdPercentiles } from './churn-risk-bands.js';
import type { SegmentFamily } from './segment-family.js';

type Grid = SegmentationSettings['predictiveGrid'];

/** The nine cells, value high to low, and within each churn risk low to high. */
const CELLS: readonly (readonly [slug: string, name: string, story: string])[] = [
  ['vip-secure', 'Secure VIPs', 'Worth the most and likely to stay: reward and keep close.'],
  ['vip-to-watch', 'VIPs to watch', 'Worth the most, with some risk of leaving: look after them now.'],
  ['vip-slipping', 'Slipping VIPs', 'Worth the most but likely to leave: the first to win back.'],
  ['core-steady', 'Steady core', 'Average value, likely to stay: grow their basket.'],
  ['core-to-nurture', 'Core to nurture', 'Average value, some risk: keep them engaged.'],
  ['core-fading', 'Fading core', 'Average value, likely to leave: a timely reminder may keep them.'],
  ['low-value-loyal', 'Loyal low spenders', 'Low value but likely to stay: room to upsell.'],
  ['low-value-drifting', 'Drifting low spenders', 'Low value with some risk: low-cost nudges only.'],
  ['low-value-lost', 'Likely lost low spenders', 'Low value and likely gone: spend nothing on them.'],
];

const LEVELS = ['high', 'medium', 'low'] as const;
const RISKS = ['low', 'medium', 'high'] as const;

const describe = (spec: ThresholdSpec): string => (typeof spec === 'number' ? String(spec) : spec);

function range(level: 'low' | 'medium' | 'high', axis: { medium: ThresholdSpec; high: ThresholdSpec }): string {
  if (level === 'low') return `below ${describe(axis.medium)}`;
  if (level === 'medium') return `from ${describe(axis.medium)} to below ${describe(axis.high)}`;
  return `${describe(axis.high)} or more`;
}

export function predictiveGridDefinitions(grid: Grid): SegmentDefinition[] {
  return CELLS.map(([slug, name, story], k) => {
    const value = LEVELS[Math.floor(k / 3)] as (typeof LEVELS)[number];
    const risk = RISKS[k % 3] as (typeof RISKS)[number];
    return {
      id: `grid:${slug}`,
      family: 'predictive-grid',
      name,
      description: `${story} Predicted value ${value} (${grid.value.field} ${range(value, grid.value)}), churn risk ${risk} (churn probability ${range(risk, grid.churn)}).`,
    };
  });
}

/** Checks each axis: medium below high where both are numbers, or both percentiles; churn probabilities in (0, 1]. */
function checkGrid(grid: Grid): void {
  for (const axis of ['churn', 'value'] as const) {
    const { medium, high } = grid[axis];
    const ordered = (a: number | null, b: number | null): boolean => a === null || b === null || a < b;
    const numbers = typeof medium === 'number' && typeof high === 'number' ? ordered(medium, high) : true;
    if (!numbers || !ordered(percentileOf(medium), percentileOf(high))) {
      throw new SegmentRuleError(['predictiveGrid', axis, 'high'], `the ${axis} axis needs medium < high, got ${describe(medium)} and ${describe(high)}`);
    }
    for (const [name, spec] of [['medium', medium], ['high', high]] as const) {
      if (axis === 'churn' && typeof spec === 'number' && !(spec > 0 && spec <= 1)) throw new SegmentRuleError(['predictiveGrid', 'churn', name], `a churn probability must be in (0, 1], got ${spec}`);
    }
  }
}

/** Churn risk (low / medium / high) x predicted value (low / medium / high): nine named cells. */
export const PREDICTIVE_GRID_FAMILY: SegmentFamily = {
  id: 'predictive-grid',
  enabled: (settings) => settings.predictiveGrid.enabled,
  check: (settings) => checkGrid(settings.predictiveGrid),
  definitions: (settings) => predictiveGridDefinitions(settings.predictiveGrid),
  percentiles: ({ predictiveGrid: { churn, value } }) => [
    ...thresholdPercentiles([churn.medium, churn.high], 'churnProbability'),
    ...thresholdPercentiles([value.medium, value.high], value.field),
  ],
  assign: (context) => {
    const { churn, value } = context.settings.predictiveGrid;
    const churnMedium = context.threshold(churn.medium, 'churnProbability');
    const churnHigh = context.threshold(churn.high, 'churnProbability');
    const valueMedium = context.threshold(value.medium, value.field);
    const valueHigh = context.threshold(value.high, value.field);
    const { churnProbability } = context.columns;
    const values = context.fieldColumn(value.field);
    const assigned = new Int16Array(churnProbability.length);
    for (let i = 0; i < assigned.length; i++) {
      const p = churnProbability[i] as number;
      const v = values[i] as number;
      const valueRow = v >= valueHigh ? 0 : v >= valueMedium ? 1 : 2;
      const riskColumn = p >= churnHigh ? 2 : p >= churnMedium ? 1 : 0;
      assigned[i] = valueRow * 3 + riskColumn;
    }
    return assigned;
  },
};
