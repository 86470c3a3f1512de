import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketOf } from '../../models/partitioning/index.js';
import { batchWrite } from '../adapters/batch-writer.js';
import { readPartition } from '../adapters/customer-items/read-partition.js';
import type { TableLedgerStore } from '../adapters/customer-items/table-ledger.js';
import type { SegmentsTable } from '../adapters/segments-table.js';
import { tableKeys } from '../shared/table-design.js';
import type { PersonRef } from './person-ref.js';
import { PlaceTally, type PlaceCheck } from './verification-report.js';

/** The segments table as a deletion needs it: the customer items, the catalogue and the ledgers of what buckets hold. */
export interface TableAccess {
  documents: DynamoDBDocumentClient;
  tableName: string;
  table: Pick<SegmentsTable, 'readCatalog' | 'writeCatalog'>;
  ledgers: TableLedgerStore;
}

/** A customer's items: one Query of its bucket's partition (ids extending it with `#` share the prefix, so the id is checked too). */
export async function customerItems(access: TableAccess, customerId: string): Promise<Record<string, unknown>[]> {
  const { pk } = tableKeys.customerScore(customerId);
  const items = await readPartition(access.documents, access.tableName, pk, tableKeys.customerPrefix(customerId));
  return items.filter((item) => item.customerId === customerId);
}

/**
 * Deletes each customer's score item and every membership item, keeping the catalogue's segment
 * sizes equal to the members left (what `segments check` compares). Before the first delete, every
 * table ledger covering an affected bucket is voided, as anything writing customer items outside a
 * run must: the next run reads those buckets back instead of trusting a ledger that still lists
 * the person.
 */
export async function removeFromTable(access: TableAccess, people: readonly PersonRef[], runId: string, found: Set<string>): Promise<PlaceCheck> {
  const tally = new PlaceTally('table', 'the segments table: each customer\'s score item and membership items (pk=B#<bucket>, sk=C#<id>#...)');
  const customers = people.filter((p) => p.kind === 'customer');
  if (customers.length < people.length) tally.note('prospects have no items in the table');
  const itemsByPerson = new Map<PersonRef, Record<string, unknown>[]>();
  for (const person of customers) {
    tally.checked();
    const items = await customerItems(access, person.id);
    if (items.length > 0) itemsByPerson.set(person, items);
  }
  if (itemsByPerson.size === 0) return tally.done();

  const buckets = new Set([...itemsByPerson.keys()].map((person) => bucketOf(person.id)));
  const ranges = (await access.ledgers.ranges()).filter((range) => [...buckets].some((bucket) => bucket >= range.fromBucket && bucket < range.toBucket));
  for (const range of ranges) await access.ledgers.void(range, runId);
  if (ranges.length > 0) tally.note(`voided ${ranges.length} table ledger(s) covering bucket(s) ${[...buckets].sort((a, b) => a - b).join(', ')}: the next run reads them back from the table`);

  const removedFromSegment = new Map<string, number>();
  const requests = [...itemsByPerson.entries()].flatMap(([person, items]) => {
    tally.removed(person.hash, items.length);
    found.add(person.hash);
    return items.map((item) => {
      if (typeof item.segmentId === 'string') removedFromSegment.set(item.segmentId, (removedFromSegment.get(item.segmentId) ?? 0) + 1);
      tally.rewrote(`${String(item.pk)} ${String(item.sk).replace(person.id, `<${person.hash.slice(0, 12)}>`)}`);
      return { DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } };
    });
  });
  await batchWrite(access.documents, access.tableName, requests);

  const catalog = await access.table.readCatalog();
  if (catalog && removedFromSegment.size > 0) {
    const segments = catalog.segments.map((segment) => {
      const removed = removedFromSegment.get(segment.id) ?? 0;
      return removed === 0 ? segment : { ...segment, size: Math.max(0, segment.size - removed) };
    });
    await access.table.writeCatalog({ ...catalog, segments });
    tally.note(`catalogue sizes lowered for ${removedFromSegment.size} segment(s): ${[...removedFromSegment].map(([id, n]) => `${id} -${n}`).join(', ')}`);
  }
  return tally.done();
}
