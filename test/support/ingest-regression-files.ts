import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticExtracts } from './synthetic-extracts.js';

/**
 * One file per case of the ingest issue's list (amount 1e308, 1e200 x 1e200, a 2,100-character
 * id, a gzip truncated to 60%, export.csv then export.txt, orders re-sent without order ids,
 * latin-1, UTF-16, Excel's sep= line, a NUL byte, a 3 MB field, returns and cancellations, free
 * orders, formula cells), beside a good orders file, written to a fresh temp folder.
 */
export function writeIngestRegressionFiles() {
  const base = syntheticExtracts(200, 7);
  const dir = mkdtempSync(join(tmpdir(), 'segments-hostile-'));
  const header = 'order_id,customer_id,order_date,amount';
  const file = (name: string, body: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  };
  const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
  const orderLines = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}${i},H-${prefix}-${i % 5},2024-0${1 + (i % 9)}-1${i % 10},${(10 + i).toFixed(2)}`);

  const withoutIds = csv('customer_id,order_date,amount', ...base.ordersCsv.trim().split('\n').slice(1).map((line) => line.split(',').slice(1).join(',')));
  const truncatedSource = gzipSync(csv(header, ...orderLines('T', 400)));
  const longId = 'L'.repeat(2100);
  const FILES = {
    good: file('orders.csv', base.ordersCsv),
    huge: file('huge-amount.csv', csv(header, 'X1,H-huge,2024-03-01,10', 'X2,H-huge,2024-03-02,1e308', 'X3,H-huge,2024-03-03,12')),
    lineItems: file('line-items.csv', csv('InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice', '9001,H-li,2024-03-01 10:00,2,3.5', '9002,H-li,2024-03-02 10:00,1e200,1e200')),
    longId: file('long-id.csv', csv(header, `Y1,${longId},2024-03-01,10`, 'Y2,H-long,2024-03-01,10')),
    truncated: file('truncated.csv.gz', truncatedSource.subarray(0, Math.floor(truncatedSource.length * 0.6))),
    exportCsv: file('export.csv', csv(header, ...orderLines('E', 20))),
    exportTxt: file('export.txt', csv(header, ...orderLines('F', 15))),
    resentWithoutIds: file('orders-resent.csv', withoutIds),
    latin1: file('latin1.csv', Buffer.concat([Buffer.from(`${header},note\n`), ...orderLines('G', 10).map((l) => Buffer.concat([Buffer.from(`${l},caf`), Buffer.from([0xe9]), Buffer.from('\n')]))])),
    utf16: file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(header, ...orderLines('U', 10)), 'utf16le')])),
    excel: file('excel.csv', csv('sep=;', 'order_id;customer_id;order_date;amount', 'S1;H-excel;2024-03-01;12,50', 'S2;H-excel;2024-03-05;7,25')),
    nul: file('nul.csv', csv(`${header},note`, 'N1,H-nul,2024-03-01,10,a\u0000b', ...orderLines('N', 5).map((l) => `${l},ok`))),
    hugeField: file('huge-field.csv', csv(`${header},note`, 'Z1,H-field,2024-03-01,10,ok', `Z2,H-field,2024-03-02,11,${'x'.repeat(3_000_000)}`, 'Z3,H-field,2024-03-03,12,ok')),
    returns: file('returns.csv', csv('InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice', '7001,H-ret,2024-03-01 10:00,4,25', 'C7002,H-ret,2024-03-05 10:00,-1,25', '7003,H-ret2,2024-03-01 10:00,2,10')),
    free: file('free.csv', csv(header, 'R1,H-free,2024-02-01,0', 'R2,H-free,2024-03-01,0.00')),
    formula: file('formula.csv', csv(header, '"W1","=HYPERLINK(""http://evil"")",2024-03-01,5', `W2,"+cmd|' /C calc'!A0",2024-03-02,oops`)),
  };
  return { base, dir, longId, files: FILES };
}
