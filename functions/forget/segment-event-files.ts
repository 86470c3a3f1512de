import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PersonRef } from './person-ref.js';
import { PlaceTally, type PlaceCheck } from './verification-report.js';

/** Where the membership-change events went: a folder of JSON Lines files (local), a bus, or nowhere. */
export type SegmentEventsTarget = { kind: 'folder'; dir: string } | { kind: 'bus'; name: string } | { kind: 'none' };

const DESCRIPTION = 'segment membership change events (entered/exited) sent by each run\'s Publish';

/**
 * Locally each run's events are `<dir>/<runId>.jsonl`: lines whose `detail.customerId` is a
 * forgotten customer are removed, and forgotten customers leave a batched line's
 * `detail.customerIds` (the file is replaced whole, by rename). Events sent to an
 * EventBridge bus cannot be recalled: the report says so, and that consumers keep what they
 * received under their own retention.
 */
export async function removeFromSegmentEvents(target: SegmentEventsTarget, people: readonly PersonRef[], found: Set<string>): Promise<PlaceCheck> {
  const tally = new PlaceTally('segment-events', DESCRIPTION);
  if (target.kind === 'none') {
    tally.note('no event destination is configured: no event was ever sent');
    return tally.done();
  }
  if (target.kind === 'bus') {
    tally.note(`events went to the EventBridge bus ${target.name}; sent events cannot be recalled, so consumers must apply the deletion to what they received (events name customers by id)`);
    return tally.done();
  }
  const byId = new Map(people.filter((p) => p.kind === 'customer').map((p) => [p.id, p]));
  let files: string[];
  try {
    files = (await readdir(target.dir)).filter((file) => file.endsWith('.jsonl'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return tally.done();
    throw error;
  }
  for (const file of files.sort()) {
    tally.checked();
    if (byId.size === 0) continue;
    const full = path.join(target.dir, file);
    const lines = (await readFile(full, 'utf8')).split('\n');
    let removed = 0;
    const kept = lines.flatMap((line) => {
      if (line.trim() === '') return [line];
      const event = JSON.parse(line) as { detail?: { customerId?: unknown; customerIds?: unknown } };
      // A batched event (events.membershipChanges.batched) names several customers: the forgotten ones leave its list.
      const ids = event.detail?.customerIds;
      if (Array.isArray(ids)) {
        const forgotten = ids.filter((id) => typeof id === 'string' && byId.has(id));
        if (forgotten.length === 0) return [line];
        for (const id of forgotten) {
          tally.removed(byId.get(id)!.hash, 1);
          found.add(byId.get(id)!.hash);
        }
        removed += forgotten.length;
        const rest = ids.filter((id) => !forgotten.includes(id));
        return rest.length === 0 ? [] : [JSON.stringify({ ...event, detail: { ...event.detail, customerIds: rest } })];
      }
      const customerId = event.detail?.customerId;
      const person = typeof customerId === 'string' ? byId.get(customerId) : undefined;
      if (!person) return [line];
      tally.removed(person.hash, 1);
      found.add(person.hash);
      removed += 1;
      return [];
    });
    if (removed === 0) continue;
    await writeFile(`${full}.forget-${process.pid}`, kept.join('\n'));
    await rename(`${full}.forget-${process.pid}`, full);
    tally.rewrote(path.join(path.basename(target.dir), file));
  }
  return tally.done();
}
