import { describe, expect, it } from 'vitest';
import { formatIngestOutcomes } from '../../../infra/local/cli/format-run-report.js';
import type { IngestOutcome } from '../../../functions/ingest/ingest-upload-object.js';
import type { ExtractReport } from '../../../models/extracts/index.js';

const report = (extra: Partial<ExtractReport>): ExtractReport => ({
  kind: 'customers',
  format: 'csv',
  rowsRead: 12,
  rowsAccepted: 10,
  rowsQuarantined: 0,
  quarantineReasons: {},
  columnMapping: { customer_id: 'id' },
  dateFormats: {},
  decoding: { compression: 'none', encoding: 'utf-8', delimiter: ',', excelSepLine: false } as ExtractReport['decoding'],
  ...extra,
});

const accepted = (extractReport: ExtractReport): IngestOutcome => ({
  status: 'accepted', key: 'incoming/customers/c.csv', versionTag: 'v1', kind: 'customers', report: extractReport,
  cleanKey: 'clean/c', quarantineKey: null, reportKey: 'reports/c', duplicateOf: null, current: true, dataChanged: true,
});

describe('formatIngestOutcomes', () => {
  it("says how many rows of forgotten people were dropped and which extra columns were kept", () => {
    const lines = formatIngestOutcomes([
      accepted(report({ rowsSuppressed: 2, extraColumns: [{ header: 'Web Sessions', column: 'web_sessions' }, { header: 'Interest', column: 'interest' }] })),
    ]);
    expect(lines.join('\n')).toContain('2 rows of forgotten people dropped (suppression list)');
    expect(lines.join('\n')).toContain('extra columns kept: web_sessions, interest');
  });

  it('adds no note line when there is nothing to note', () => {
    expect(formatIngestOutcomes([accepted(report({}))])).toHaveLength(1);
  });
});
