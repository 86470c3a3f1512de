import { openLocalSession } from '../local-session.js';
import type { CustomerView, SegmentCatalog } from '../../../../functions/adapters/segments-table.js';
import { NoRunYetError, NotFoundError, SegmentNotFoundError } from '../output/cli-errors.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';
import { firstRunHint, segmentsCommand, shellWord } from '../segments-command.js';

/** One page of a segment's members (every member with --all). */
export interface MembersResult {
  segment: string;
  customerIds: string[];
  /** Pass it as --cursor for the next page; null after the last. */
  nextCursor: string | null;
}

/**
 * Lists the segments of the last run, or one page (or all pages) of a segment's members. Raises
 * NoRunYetError before any run and SegmentNotFoundError for an id the catalogue does not list.
 */
export async function queryCommand(
  options: { stateDir: string; segment?: string; limit: number; cursor?: string; all?: boolean },
  target: OutputTarget,
): Promise<SegmentCatalog | MembersResult> {
  const out = asOutput(target);
  const log = out.data;
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { table } = session.dependencies;
    const catalog = await table.readCatalog();
    if (!catalog) throw new NoRunYetError(`No segments yet: run ${firstRunHint(options.stateDir)} first.`);
    if (!options.segment) {
      log(`Segments as of ${catalog.asOf} (model ${catalog.modelVersion}):`);
      const width = Math.max(...catalog.segments.map((s) => s.id.length));
      catalog.segments.forEach((s) => log(`  ${s.id.padEnd(width)}  ${String(s.size).padStart(7)}  ${s.name}`));
      return catalog;
    }
    const segment = options.segment;
    if (!catalog.segments.some((s) => s.id === segment)) {
      throw new SegmentNotFoundError(`No segment ${segment} in the current run (list the segments with: ${segmentsCommand(options.stateDir, 'query')})`);
    }
    const customerIds: string[] = [];
    let cursor = options.cursor ?? null;
    let shown = 0;
    do {
      const page = await table.listMembers(segment, { limit: options.limit, cursor });
      page.customerIds.forEach((id) => log(id));
      customerIds.push(...page.customerIds);
      shown += page.customerIds.length;
      cursor = page.nextCursor;
      const nextPage = `query --segment ${shellWord(segment)} --limit ${options.limit} --cursor ${cursor}`;
      if (!options.all && cursor) out.hint(`# next page: ${segmentsCommand(options.stateDir, nextPage)}`);
    } while (options.all && cursor && !out.closed);
    if (shown === 0) out.hint(`# segment ${segment} has no members (list segments with: ${segmentsCommand(options.stateDir, 'query')})`);
    return { segment, customerIds, nextCursor: cursor };
  } finally {
    await session.close();
  }
}

export class CustomerNotFoundError extends NotFoundError {
  override readonly name = 'CustomerNotFoundError';
}

/** Prints one customer's scores and segments as JSON. */
export async function customerCommand(options: { stateDir: string; customerId: string }, target: OutputTarget): Promise<CustomerView> {
  const log = asOutput(target).data;
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { table } = session.dependencies;
    const item = await table.getCustomer(options.customerId);
    if (!item) throw new CustomerNotFoundError(`No scored customer with id ${options.customerId}.`);
    log(JSON.stringify(item, null, 2));
    return item;
  } finally {
    await session.close();
  }
}
