/**
 * Everything the HTML report shows, gathered by the run (functions/run/run-html-report.ts) or a
 * test. A section that cannot be shown carries the reason instead (`Unavailable`); `kpis` and
 * `personas` are optional until the runs compute them.
 */
export interface ReportInput {
  run: ReportRun;
  segments: ReportSegment[];
  /** Per-segment KPIs beyond sizes (revenue, retention, conversion...); absent: not computed yet. */
  kpis?: SegmentKpis[];
  predictedValue: ValueHistogram | Unavailable;
  calibration: ChurnCalibration | Unavailable;
  movement: SegmentMovement | Unavailable;
  /** Cluster personas; absent: not computed yet. */
  personas?: Persona[];
  /** Said at the top of the report: what was left out and why. */
  notes: string[];
}

export interface Unavailable {
  unavailable: string;
}

export const isAvailable = <T extends object>(section: T | Unavailable): section is T => !('unavailable' in section);

export interface ReportRun {
  runId: string;
  asOf: string;
  finishedAt: string;
  horizonDays: number;
  customers: number;
  model: { version: string; familyName: string; trainedThisRun: boolean };
}

/** A segment with its size and what the scores export tells about its members (null: not computed). */
export interface ReportSegment {
  id: string;
  name: string;
  family: string;
  description: string;
  size: number;
  /** Sum of the members' historic value (purchases net of returns). */
  historicRevenue: number | null;
  meanPredictedValue: number | null;
  meanChurnProbability: number | null;
}

/** The KPIs of one segment; each is optional so they can be added one by one. Shares and rates are in [0, 1]. */
export interface SegmentKpis {
  segmentId: string;
  revenue?: number;
  revenueShare?: number;
  averageOrderValue?: number;
  ordersPerCustomer?: number;
  retention?: number;
  conversion?: number;
  meanPredictedValue?: number;
  meanChurnProbability?: number;
  entered?: number;
  exited?: number;
}

/** Customers per bin of a predicted value; the last bin may be open-ended (`to` null: that value and above). */
export interface ValueHistogram {
  label: string;
  bins: { from: number; to: number | null; customers: number }[];
}

/** The model card's churn calibration on its held-out split, deciles of predicted churn (1 = lowest). */
export interface ChurnCalibration {
  /** Which split, in words, e.g. "held-out window (2024-10-02, 2024-12-31], 16,634 customers". */
  split: string;
  rows: { decile: number; meanPredicted: number; observedRate: number; count: number }[];
}

/** Customers moving between the segments of each family since the previous run. */
export interface SegmentMovement {
  previous: { runId: string; asOf: string };
  families: FamilyMovement[];
}

/** From -> to counts; `from`/`to` is a segment id, several joined with " + ", NO_SEGMENT or NOT_SCORED. */
export interface FamilyMovement {
  family: string;
  cells: { from: string; to: string; customers: number }[];
}

export const NO_SEGMENT = '(none)';
export const NOT_SCORED = '(not scored)';

/** A cluster with its generated persona. */
export interface Persona {
  clusterId: string;
  name: string;
  description: string;
  size: number;
  revenueShare: number;
  meanPredictedValue: number;
  meanChurnProbability: number;
  /** The features that most set the cluster apart, e.g. { feature: 'recency', direction: 'higher', zScore: 1.4 }. */
  distinguishingFeatures: { feature: string; direction: 'higher' | 'lower'; zScore: number }[];
}
