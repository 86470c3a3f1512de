import type { BoostingWorkspace } from './boosting-workspace.js';

/**
 * Stable partition of rowOrder[start..stop): rows whose bin for `feature` is <= `bin` first.
 * Returns where the right-hand rows begin.
 */
export function partitionRows(workspace: BoostingWorkspace, start: number, stop: number, feature: number, bin: number): number {
  const { bins, rowOrder, scratch } = workspace;
  const column = feature * workspace.rows;
  let left = start;
  let right = 0;
  for (let k = start; k < stop; k += 1) {
    const row = rowOrder[k]!;
    if (bins[column + row]! <= bin) rowOrder[left++] = row;
    else scratch[right++] = row;
  }
  rowOrder.set(scratch.subarray(0, right), left);
  return left;
}
