/** Where each kind of object lives in the data bucket. Shared by the handlers, the CDK grants and the local runtime. */
export const PREFIXES = {
  incoming: 'incoming/',
  clean: 'clean/',
  quarantine: 'quarantine/',
  rejected: 'rejected/',
  models: 'models/',
  audiences: 'audiences/',
  reports: 'reports/',
  config: 'config/',
} as const;

export const EXTRACT_KINDS = ['orders', 'customers', 'prospects'] as const;
export type ExtractKind = (typeof EXTRACT_KINDS)[number];

/** Uploads land at `incoming/<kind>/<file>`; the kind decides the schema the file is checked against. */
export const incomingPrefix = (kind: ExtractKind): string => `${PREFIXES.incoming}${kind}/`;
