export type SegmentFamily = 'rfm' | 'clv-tier' | 'churn-risk' | 'predictive';

/**
 * A segment described as data, so that the built-in families and future user-defined
 * rules or clusters can be listed, stored and shown side by side.
 * `id` is lower-case and url-safe, prefixed by its family, for example `rfm:champions`.
 */
export interface SegmentDefinition {
  id: string;
  family: SegmentFamily;
  name: string;
  description: string;
}
