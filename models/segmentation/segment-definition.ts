/** The family of a segment: a registered family's id (`rfm`, `clv-tier`, `churn-risk`, `lifecycle`, `predictive-grid`, `predictive`) or `custom`. */
export type SegmentFamilyId = string;

/**
 * A segment described as data, so that the built-in families, user-defined rules and future
 * clusters can be listed, stored and shown side by side.
 * `id` is lower-case and url-safe, prefixed by its family's prefix, for example `rfm:champions`
 * (never `#`: the table keys memberships by it).
 */
export interface SegmentDefinition {
  id: string;
  family: SegmentFamilyId;
  name: string;
  description: string;
}
