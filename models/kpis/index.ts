export { computeSegmentKpis, writeSegmentKpisParquet, type SegmentKpiInput, type SegmentKpis } from './segment-kpis.js';
export { KpiError, KpiInputError } from './errors.js';
