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
  /** Every run's scores for use outside the tool: `exports/scores/<asOf>/scores.parquet`. */
  exports: 'exports/',
  /** Each scoring run's working files: shard inputs, shard scores, population statistics, report. */
  runs: 'runs/',
  /** What the table holds, recorded by the last run's shards (table ledgers), so the next run need not read it back. */
  tableLedgers: 'state/table-ledgers/',
  /** Deletion requests: lists of ids to forget (one a line, or a CSV), handled by forget-people, never ingested. */
  deletions: 'incoming/deletions/',
  /** The people deletion requests forgot, as sha256 of `<kind>:<id>` (never the id): ingest and Publish leave them out. */
  suppression: 'state/suppression/',
} as const;

/** Where a run's scores export goes: one file per scoring day, replaced by a later run for that day. */
export const scoresExportKey = (asOf: string): string => `${PREFIXES.exports}scores/${asOf}/scores.parquet`;

export const EXTRACT_KINDS = ['orders', 'customers', 'prospects'] as const;
export type ExtractKind = (typeof EXTRACT_KINDS)[number];

/** Deletion lists land at `incoming/deletions/<file>`: not an extract kind, never ingested. */
export const isDeletionList = (key: string): boolean => key.startsWith(PREFIXES.deletions);

/** Uploads land at `incoming/<kind>/<file>`; the kind decides the schema the file is checked against. */
export const incomingPrefix = (kind: ExtractKind): string => `${PREFIXES.incoming}${kind}/`;

/**
 * Where everything derived from one version of an upload goes: keyed by the whole upload key and
 * its version (S3 version id, or ETag in an unversioned bucket), never by the file's name stem,
 * so `export.csv` and `export.txt`, or two versions of one key, can never overwrite each other.
 */
export const uploadOutputKeys = (incomingKey: string, versionTag: string) => {
  const upload = incomingKey.startsWith(PREFIXES.incoming) ? incomingKey.slice(PREFIXES.incoming.length) : incomingKey;
  return {
    clean: `${PREFIXES.clean}${upload}/${versionTag}.parquet`,
    quarantine: `${PREFIXES.quarantine}${upload}/${versionTag}.rows.csv`,
    rejected: `${PREFIXES.rejected}${upload}/${versionTag}.json`,
    report: `${PREFIXES.reports}ingest/${upload}/${versionTag}.json`,
  };
};

/** The extract kind an upload key names (`incoming/<kind>/...`), or null when it names none. */
export const extractKindOf = (key: string): ExtractKind | null => {
  if (!key.startsWith(PREFIXES.incoming)) return null;
  const kind = key.slice(PREFIXES.incoming.length).split('/')[0] ?? '';
  return (EXTRACT_KINDS as readonly string[]).includes(kind) ? (kind as ExtractKind) : null;
};
