export interface MembershipChange {
  customerId: string;
  segmentId: string;
}

/**
 * Which memberships a run adds and removes relative to the previous one. Writing only these keeps
 * a nightly rescore of millions of customers cheap, and they are the segment entered/exited events.
 */
export function membershipChanges(
  previous: ReadonlyMap<string, readonly string[]>,
  current: ReadonlyMap<string, readonly string[]>,
): { entered: MembershipChange[]; exited: MembershipChange[] } {
  const entered: MembershipChange[] = [];
  const exited: MembershipChange[] = [];
  for (const [customerId, segments] of current) {
    const before = new Set(previous.get(customerId) ?? []);
    for (const segmentId of segments) if (!before.has(segmentId)) entered.push({ customerId, segmentId });
    const now = new Set(segments);
    for (const segmentId of before) if (!now.has(segmentId)) exited.push({ customerId, segmentId });
  }
  for (const [customerId, segments] of previous) {
    if (!current.has(customerId)) for (const segmentId of segments) exited.push({ customerId, segmentId });
  }
  return { entered, exited };
}
