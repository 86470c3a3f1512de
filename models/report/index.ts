export { ChartRenderError, ReportError, ReportInputError } from './errors.js';
export { churnGains, type GainsPoint } from './gains.js';
export { niceBinWidth } from './histogram-bins.js';
export { renderChartSvg } from './render-chart.js';
export { escapeHtml, renderReportHtml } from './report-html.js';
export {
  isAvailable,
  NO_SEGMENT,
  NOT_SCORED,
  type ChurnCalibration,
  type FamilyMovement,
  type Persona,
  type ReportInput,
  type ReportRun,
  type ReportSegment,
  type SegmentKpis,
  type SegmentMovement,
  type Unavailable,
  type ValueHistogram,
} from './report-input.js';
