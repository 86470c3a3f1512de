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
  /** What the last run wrote to the table, so the next run writes only what changed. */
  state: 'state/',
} as const;

export const EXTRACT_KINDS = ['orders', 'customers', 'prospects'] as const;
export type ExtractKind = (typeof EXTRACT_KINDS)[number];

/** Uploads land at `incoming/<kind>/<file>`; the kind decides the schema the file is checked against. */
export const incomingPrefix = (kind: ExtractKind): string => `${PREFIXES.incoming}${kind}/`;

/** Keys derived from an upload's key, so a re-delivered event overwrites rather than duplicates. */
export const derivedKeys = (incomingKey: string, kind: string) => {
  const relative = incomingKey.slice(`${PREFIXES.incoming}${kind}/`.length) || incomingKey;
  const stem = relative.replace(/\.(csv|txt|tsv|parquet|gz)(\.gz)?$/i, '');
  return {
    clean: `${PREFIXES.clean}${kind}/${stem}.parquet`,
    quarantine: `${PREFIXES.quarantine}${incomingKey}.rows.csv`,
    rejected: `${PREFIXES.rejected}${incomingKey}.json`,
    report: `${PREFIXES.reports}ingest/${incomingKey}.json`,
  };
};
