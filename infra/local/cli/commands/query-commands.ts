import { openLocalSession } from '../local-session.js';
import { firstRunHint, segmentsCommand, shellWord } from '../segments-command.js';

type Log = (line: string) => void;

/** Lists the segments of the last run, or one page (or all pages) of a segment's members. */
export async function queryCommand(
  options: { stateDir: string; segment?: string; limit: number; cursor?: string; all?: boolean; json?: boolean },
  log: Log,
): Promise<void> {
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { table } = session.dependencies;
    if (!options.segment) {
      const catalog = await table.readCatalog();
      if (!catalog) return log(`No segments yet: run ${firstRunHint(options.stateDir)} first.`);
      log(`Segments as of ${catalog.asOf} (model ${catalog.modelVersion}):`);
      const width = Math.max(...catalog.segments.map((s) => s.id.length));
      catalog.segments.forEach((s) => log(`  ${s.id.padEnd(width)}  ${String(s.size).padStart(7)}  ${s.name}`));
      return;
    }
    let cursor = options.cursor ?? null;
    let shown = 0;
    do {
      const page = await table.listMembers(options.segment, { limit: options.limit, cursor });
      page.customerIds.forEach((id) => log(id));
      shown += page.customerIds.length;
      cursor = page.nextCursor;
      const nextPage = `query --segment ${shellWord(options.segment)} --limit ${options.limit} --cursor ${cursor}`;
      if (!options.all && cursor) log(`# next page: ${segmentsCommand(options.stateDir, nextPage)}`);
    } while (options.all && cursor);
    if (shown === 0) log(`# segment ${options.segment} has no members (list segments with: ${segmentsCommand(options.stateDir, 'query')})`);
  } finally {
    await session.close();
  }
}

export class CustomerNotFoundError extends Error {
  override readonly name = 'CustomerNotFoundError';
}

/** Prints one customer's scores and segments as JSON. */
export async function customerCommand(options: { stateDir: string; customerId: string }, log: Log): Promise<void> {
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { table } = session.dependencies;
    const item = await table.getCustomer(options.customerId);
    if (!item) throw new CustomerNotFoundError(`No scored customer with id ${options.customerId}.`);
    log(JSON.stringify(item, null, 2));
  } finally {
    await session.close();
  }
}
