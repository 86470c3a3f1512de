import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CDNOW sample that Fader, Hardie & Lee used, shared beside the repository (not committed). */
const repositoryRoot = new URL('../../../', import.meta.url);
const cdnowDirectory = new URL('../shared/data/cdnow-sample/', repositoryRoot);

export const cdnowDirectoryPath = fileURLToPath(cdnowDirectory);
export const cdnowAvailable = [
  'CDNOW_sample.txt',
  'cdnow_customers_summary.csv',
  'cdnow_customers_summary_with_transactions.csv',
].every((file) =>
  existsSync(new URL(file, cdnowDirectory)),
);
export const cdnowMissingMessage = `CDNOW sample not found at ${cdnowDirectoryPath}; skipping the published-fit checks`;

export interface CdnowSummaryRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  /** Mean spend of the repeat transactions in the 39-week calibration period; 0 when x = 0. */
  mx: number;
}

/** `cdnow_customers_summary_with_transactions.csv`: ID,x,t_x,T,zbar with times in weeks. */
export function readCdnowSummary(): CdnowSummaryRow[] {
  return readCsvRows('cdnow_customers_summary_with_transactions.csv').map(([id = '', x, tx, T, mx]) => ({
    id,
    x: Number(x),
    tx: Number(tx),
    T: Number(T),
    mx: Number(mx),
  }));
}

/** `cdnow_customers_summary.csv`: ID,frequency,recency,T (BG/NBD inputs only) with times in weeks. */
export function readCdnowFrequencyRecency(): Array<{ id: string; x: number; tx: number; T: number }> {
  return readCsvRows('cdnow_customers_summary.csv').map(([id = '', frequency, recency, T]) => ({
    id,
    x: Number(frequency),
    tx: Number(recency),
    T: Number(T),
  }));
}

function readCsvRows(file: string): string[][] {
  const [, ...lines] = readFileSync(new URL(file, cdnowDirectory), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => line.split(','));
}

export interface CdnowTransaction {
  /** The file's second column, the sequential id that the summary CSVs call ID. */
  customerId: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  amount: number;
}

/** `CDNOW_sample.txt`: whitespace-separated master id, sequential id, YYYYMMDD, number of CDs, dollar amount. */
export function readCdnowTransactions(): CdnowTransaction[] {
  return readFileSync(new URL('CDNOW_sample.txt', cdnowDirectory), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const [, sequentialId = '', yyyymmdd = '', , amount = ''] = line.trim().split(/\s+/);
      const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
      return { customerId: String(Number(sequentialId)), date, amount: Number(amount) };
    });
}
